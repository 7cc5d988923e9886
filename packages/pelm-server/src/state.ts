import { CONNECTION_ID } from './connection-store'
import {
  base64UrlDecode,
  base64UrlEncode,
  hmacSha256,
  randomBytes,
  timingSafeEqual,
  utf8,
} from './crypto'

/** Why a state was refused. */
export type StateErrorCode = 'state_missing' | 'state_invalid' | 'state_mismatch' | 'state_expired'

/**
 * A state check failed; `code` says which one. Every failure is final (fail closed).
 *
 * @example
 * ```ts
 * try {
 *   signer.verify({ binding, userId, state })
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

/** The utility a flow was started for, when the browser named one. */
export interface StateUtility {
  id?: string
  slug?: string
}

/** Options of {@link createStateSigner}. */
export interface StateSignerOptions {
  /** At least 32 characters: the HMAC-SHA-256 key. */
  secret: string
  /** How long a state stays valid. Default 30 minutes, Pelm's connect-token lifetime. */
  maxAgeMs?: number
  /** Default `Date.now`. */
  now?: () => number
}

/** What a state binds, besides the browser and the user it is issued to. */
export interface StateClaims {
  /** The connection the flow creates or renews. */
  connectionId: string
  /** True when the flow reconnects an existing connection (Connect in update mode). */
  reconnect: boolean
  utility?: StateUtility
}

/** A fresh state: the `state` of one Connect URL. */
export interface IssuedState {
  /** The value Connect echoes back to the redirect URI. */
  state: string
  issuedAt: number
  /** ms since the epoch; whole seconds. */
  expiresAt: number
}

/** A state that passed every check. */
export interface VerifiedState extends StateClaims {
  /** 128 random bits, base64url: the key of its one-time use. */
  nonce: string
  expiresAt: number
}

/** Issues and verifies Connect states. */
export interface StateSigner {
  issue(input: StateClaims & { binding: string; userId: string }): IssuedState
  /** Throws {@link StateError}; single use is the caller's job (see `ReplayStore`). */
  verify(input: {
    binding: string | undefined
    userId: string
    state: string | undefined
  }): VerifiedState
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

const VERSION = '2'
const CLOCK_SKEW_MS = 60_000
const BINDING = /^[A-Za-z0-9_-]{43}$/
const NONCE = /^[A-Za-z0-9_-]{22}$/
const EXPIRY = /^[0-9a-z]{1,10}$/
const FLOW = /^([nr])(?:([is])([A-Za-z0-9_-]+))?$/
const MAC = /^[A-Za-z0-9_-]{43}$/

/**
 * A new browser binding: 256 random bits, base64url. The server keeps it in an HttpOnly cookie
 * and signs every state against it, so a state only works in the browser that asked for it.
 *
 * @example
 * ```ts
 * const binding = isBrowserBinding(cookie) ? cookie : newBrowserBinding()
 * ```
 */
export function newBrowserBinding(): string {
  return base64UrlEncode(randomBytes(32))
}

/**
 * Whether a cookie value is a binding {@link newBrowserBinding} could have made.
 *
 * @example
 * ```ts
 * isBrowserBinding(getCookie(c, 'pelm_binding')) // false for a missing or tampered value
 * ```
 */
export function isBrowserBinding(value: string | undefined): value is string {
  return value !== undefined && BINDING.test(value)
}

const encodeText = (value: string) => base64UrlEncode(utf8(value))
const decodeText = (value: string) => {
  const bytes = base64UrlDecode(value)
  return bytes && new TextDecoder().decode(bytes)
}

/**
 * Creates the signer of Connect states. A state is
 * `2.<nonce>.<connection id>.<expiry>.<flow>.<MAC>`: a 128-bit random nonce, the connection the
 * flow is for, its expiry (unix seconds, base 36), new or reconnect plus the utility asked for,
 * and one HMAC-SHA-256 over all of that AND the browser binding and the user id, which the state
 * does not carry. A state therefore verifies only in the browser that holds the binding cookie,
 * for the signed-in user it was issued to, before its expiry; any number of them can be
 * outstanding at once (one per tab). One-time use is the replay store's job, keyed by the nonce.
 *
 * @example
 * ```ts
 * import { createStateSigner, mintConnectionId, newBrowserBinding } from '@acme/pelm-server'
 *
 * const signer = createStateSigner({ secret: process.env.PELM_COOKIE_SECRET! })
 * const binding = newBrowserBinding() // kept in an HttpOnly cookie
 * const { state } = signer.issue({ binding, userId, connectionId: mintConnectionId(), reconnect: false })
 * // later, on the callback:
 * const verified = signer.verify({ binding, userId, state }) // throws StateError
 * ```
 */
export function createStateSigner(options: StateSignerOptions): StateSigner {
  if (typeof options?.secret !== 'string' || options.secret.length < 32) {
    throw new TypeError('createStateSigner: secret must be a string of at least 32 characters.')
  }
  const maxAgeMs = options.maxAgeMs ?? STATE_MAX_AGE_MS
  const now = options.now ?? Date.now
  const sign = hmacSha256(options.secret)
  // The user id is length-prefixed: no (binding, user, payload) triple reads as another.
  const mac = (binding: string, userId: string, payload: string) =>
    sign(`pelm-state\u0000${binding}\u0000${userId.length}:${userId}\u0000${payload}`)

  return {
    issue({ binding, userId, connectionId, reconnect, utility }) {
      if (!isBrowserBinding(binding)) throw new TypeError('StateSigner.issue: invalid binding.')
      if (!CONNECTION_ID.test(connectionId)) {
        throw new TypeError('StateSigner.issue: invalid connection id.')
      }
      const issuedAt = now()
      const expiry = Math.floor((issuedAt + maxAgeMs) / 1000)
      const nonce = base64UrlEncode(randomBytes(16))
      const flow = `${reconnect ? 'r' : 'n'}${
        utility?.id
          ? `i${encodeText(utility.id)}`
          : utility?.slug
            ? `s${encodeText(utility.slug)}`
            : ''
      }`
      const payload = `${VERSION}.${nonce}.${connectionId}.${expiry.toString(36)}.${flow}`
      return {
        state: `${payload}.${mac(binding, userId, payload)}`,
        issuedAt,
        expiresAt: expiry * 1000,
      }
    },

    verify({ binding, userId, state }) {
      if (!state || !isBrowserBinding(binding)) {
        throw new StateError(
          'state_missing',
          'The state, or the cookie that binds it to this browser, is missing.',
        )
      }
      const parts = state.split('.')
      const [version, nonce, connectionId, expiry, flow, given] = parts
      const flowParts = flow === undefined ? null : FLOW.exec(flow)
      const utilityText = flowParts?.[3] === undefined ? undefined : decodeText(flowParts[3])
      if (
        parts.length !== 6 ||
        version !== VERSION ||
        !nonce ||
        !NONCE.test(nonce) ||
        !connectionId ||
        !CONNECTION_ID.test(connectionId) ||
        !expiry ||
        !EXPIRY.test(expiry) ||
        !flowParts ||
        (flowParts[3] !== undefined && !utilityText) ||
        !given ||
        !MAC.test(given)
      ) {
        throw new StateError('state_invalid', 'The state is malformed.')
      }
      const payload = state.slice(0, state.length - given.length - 1)
      if (!timingSafeEqual(mac(binding, userId, payload), given)) {
        throw new StateError(
          'state_mismatch',
          'The state was not issued to this browser and signed-in user (or was altered).',
        )
      }
      const expiresAt = Number.parseInt(expiry, 36) * 1000
      const time = now()
      if (expiresAt > time + maxAgeMs + CLOCK_SKEW_MS) {
        throw new StateError('state_invalid', 'The state claims a lifetime longer than allowed.')
      }
      if (time > expiresAt) {
        throw new StateError('state_expired', 'The state expired; start the connection again.')
      }
      const utility =
        utilityText === undefined
          ? undefined
          : flowParts[2] === 'i'
            ? { id: utilityText }
            : { slug: utilityText }
      return {
        nonce,
        connectionId,
        reconnect: flowParts[1] === 'r',
        expiresAt,
        ...(utility && { utility }),
      }
    },
  }
}
