import type { PelmUserRecord } from './users'

/**
 * The version of {@link PelmMockState} this sandbox writes and reads; a state of another version
 * is refused with a {@link PelmMockStateError}.
 *
 * @example
 * ```ts
 * import { PELM_MOCK_STATE_VERSION } from '@acme/pelm-mock'
 *
 * const saved = JSON.parse(text)
 * const state = saved.version === PELM_MOCK_STATE_VERSION ? saved : undefined // start empty otherwise
 * ```
 */
export const PELM_MOCK_STATE_VERSION = 1

/**
 * What a sandbox keeps across restarts: its Pelm Users and their access tokens, as plain JSON.
 * Connect tokens, codes, Connect sessions, the request log and faults are not part of it.
 * It holds live access tokens: keep it as private as the app's own token store.
 *
 * @example
 * ```ts
 * import { writeFileSync } from 'node:fs'
 * import { createPelmMock, type PelmMockState } from '@acme/pelm-mock'
 *
 * const save = (state: PelmMockState) => writeFileSync('sandbox.json', JSON.stringify(state))
 * const mock = createPelmMock({ onChange: save })
 * ```
 */
export interface PelmMockState {
  version: typeof PELM_MOCK_STATE_VERSION
  users: PelmMockStateUser[]
}

/**
 * One Pelm User in a {@link PelmMockState}.
 *
 * @example
 * ```ts
 * import type { PelmMockStateUser } from '@acme/pelm-mock'
 *
 * const user: PelmMockStateUser = {
 *   id: 'conn_1',
 *   utility: 'pge',
 *   utilityUsername: 'user@pelm.com',
 *   credentialsValid: true,
 *   connectedAt: Date.UTC(2025, 5, 15),
 *   accessTokens: ['0b0c5e1a-7d4e-4f43-9a57-5d0f0c9f1e11'],
 * }
 * ```
 */
export interface PelmMockStateUser {
  /** The `user_id` the app sent on the connect token. */
  id: string
  /** The utility's slug, e.g. `pge`. */
  utility: string
  utilityUsername: string
  credentialsValid: boolean
  /** Milliseconds since the epoch, on the sandbox clock. */
  connectedAt: number
  accessTokens: string[]
}

/**
 * A saved state the sandbox cannot load: not JSON of the expected shape, another version, an
 * unknown utility, or an access token listed twice. The message names the faulty field, and
 * never holds an access token (it says where the token is), so it can be logged.
 *
 * @example
 * ```ts
 * import { createPelmMock, PelmMockStateError } from '@acme/pelm-mock'
 *
 * try {
 *   createPelmMock({ state: { version: 99, users: [] } })
 * } catch (error) {
 *   if (error instanceof PelmMockStateError) console.error(error.message) // "state.version must be 1, …"
 * }
 * ```
 */
export class PelmMockStateError extends Error {
  constructor(message: string) {
    super(message)
    this.name = 'PelmMockStateError'
  }
}

/** The JSON snapshot of these Users. */
export function toState(users: Iterable<PelmUserRecord>): PelmMockState {
  return {
    version: PELM_MOCK_STATE_VERSION,
    users: Array.from(users, (user) => ({
      id: user.userId,
      utility: user.utility.slug,
      utilityUsername: user.utilityUsername,
      credentialsValid: user.credentialsValid,
      connectedAt: user.connectedAt,
      accessTokens: [...user.accessTokens],
    })),
  }
}
