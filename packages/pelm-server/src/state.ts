import {
  base64UrlEncode,
  hmacSign,
  hmacVerify,
  importHmacKey,
  randomBytes,
  timingSafeEqual,
} from './crypto'
import { decodePayload, encodePayload, type StatePayload } from './state-payload'
import type { ConnectedUtility } from './token-store'

/** Why a state was refused. */
export type StateErrorCode =
  | 'state_missing'
  | 'state_invalid'
  | 'state_mismatch'
  | 'state_user_mismatch'
  | 'state_expired'

/**
 * A state check failed; `code` says which one. Every failure is final (fail closed).
 *
 * @example
 * ```ts
 * try {
 *   await signer.verify({ cookieValue, state, userId })
 * } catch (error) {
 *   if (error instanceof StateError) return c.json({ error: error.code }, 403)
 * }
 * ```
 */
export class StateError extends Error {
  constructor(
    readonly code: StateErrorCode,
    message: string,
  ) {
    super(message)
    this.name = 'StateError'
  }
}

/** Options of {@link createStateSigner}. */
export interface StateSignerOptions {
  /** At least 32 characters; signs the state and hashes the user id. */
  secret: string
  /** How long a state stays valid. Default 30 minutes, Pelm's connect-token lifetime. */
  maxAgeMs?: number
  /** Default `Date.now`. */
  now?: () => number
}

/** A fresh state: `state` goes to Pelm, `cookieValue` into the browser's HttpOnly cookie. */
export interface IssuedState {
  /** 256 random bits, base64url: the `state` of the Connect URL. */
  state: string
  /** The signed cookie value binding `state` to the user. */
  cookieValue: string
  issuedAt: number
  expiresAt: number
}

/** A state that passed every check. */
export interface VerifiedState {
  state: string
  issuedAt: number
  /** The utility the flow was started for, when it was. */
  utility?: ConnectedUtility
}

/** Issues and verifies one-time Connect states. */
export interface StateSigner {
  issue(input: { userId: string; utility?: ConnectedUtility }): Promise<IssuedState>
  /** Throws {@link StateError}; single use is the caller's job (see `ReplayStore`). */
  verify(input: {
    cookieValue: string | undefined
    state: string | undefined
    userId: string
  }): Promise<VerifiedState>
}

/**
 * How long a state is accepted: 30 minutes, the lifetime of a Pelm connect token.
 *
 * @example
 * ```ts
 * createStateSigner({ secret, maxAgeMs: STATE_MAX_AGE_MS / 2 })
 * ```
 */
export const STATE_MAX_AGE_MS = 30 * 60 * 1000
const VERSION = 'v1'
const CLOCK_SKEW_MS = 60_000

/**
 * Creates the signer of Connect states: a 256-bit random nonce in an HMAC-SHA-256-signed cookie
 * value that also binds the user (as a keyed hash, not in clear) and the issue time.
 *
 * @example
 * ```ts
 * import { createStateSigner } from '@acme/pelm-server'
 *
 * const signer = createStateSigner({ secret: process.env.PELM_COOKIE_SECRET! })
 * const { state, cookieValue } = await signer.issue({ userId })
 * // later, on the callback:
 * await signer.verify({ cookieValue, state: body.state, userId }) // throws StateError
 * ```
 */
export function createStateSigner(options: StateSignerOptions): StateSigner {
  if (typeof options?.secret !== 'string' || options.secret.length < 32) {
    throw new TypeError('createStateSigner: secret must be a string of at least 32 characters.')
  }
  const maxAgeMs = options.maxAgeMs ?? STATE_MAX_AGE_MS
  const now = options.now ?? Date.now
  const key = importHmacKey(options.secret)
  const userHash = async (userId: string) => hmacSign(await key, `pelm-state-user:${userId}`)
  const signature = async (payload: string) => hmacSign(await key, `pelm-state:${payload}`)

  return {
    async issue({ userId, utility }) {
      const issuedAt = now()
      const state = base64UrlEncode(randomBytes(32))
      const payload: StatePayload = { n: state, t: issuedAt, u: await userHash(userId) }
      if (utility && (utility.id || utility.slug)) payload.y = utility
      const encoded = encodePayload(payload)
      const cookieValue = `${VERSION}.${encoded}.${await signature(encoded)}`
      return { state, cookieValue, issuedAt, expiresAt: issuedAt + maxAgeMs }
    },

    async verify({ cookieValue, state, userId }) {
      if (!cookieValue || !state) {
        throw new StateError('state_missing', 'The state cookie or the state parameter is missing.')
      }
      const [version, encoded, mac, ...rest] = cookieValue.split('.')
      const signed =
        version === VERSION && encoded && mac && rest.length === 0
          ? await hmacVerify(await key, mac, `pelm-state:${encoded}`)
          : false
      const payload = signed && encoded ? decodePayload(encoded) : undefined
      if (!payload || payload.t > now() + CLOCK_SKEW_MS) {
        throw new StateError(
          'state_invalid',
          'The state cookie is malformed or its signature is wrong.',
        )
      }
      if (!timingSafeEqual(payload.n, state)) {
        throw new StateError(
          'state_mismatch',
          'The state does not match the one this browser was given.',
        )
      }
      if (!timingSafeEqual(payload.u, await userHash(userId))) {
        throw new StateError('state_user_mismatch', 'The state was issued to another user.')
      }
      if (now() - payload.t > maxAgeMs) {
        throw new StateError('state_expired', 'The state expired; start the connection again.')
      }
      return { state: payload.n, issuedAt: payload.t, ...(payload.y && { utility: payload.y }) }
    },
  }
}
