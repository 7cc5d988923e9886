import { DEFAULT_RECORD_RETENTION, pruneOldest, type Retention } from './retention'
import { type PelmUserRecord, SandboxUsers } from './users'
import type { SandboxUtility } from './utilities'

/** A connect token the sandbox issued through `POST /auth/connect-token`. */
export interface ConnectTokenRecord {
  token: string
  userId: string
  /** Set when the token fixes the utility (`utility_id` or `utility_slug`): selection is skipped. */
  utility?: SandboxUtility
  createdAt: number
  expiresAt: number
}

/** An authorization code handed back to `redirect_uri` at the end of the Connect flow. */
export interface CodeRecord {
  code: string
  userId: string
  utility: SandboxUtility
  /** The sandbox login that signed in; it becomes the User's `utility_username`. */
  utilityUsername: string
  issuedAt: number
  expiresAt: number
  usedAt?: number
}

/** Why a code cannot be exchanged. */
export type CodeRejection = 'unknown' | 'expired' | 'used'

/**
 * How long a connect token opens Connect (30 minutes, as Pelm's `expires_in: 1800`); also the
 * shortest `records.maxAgeMs`, so a token is never forgotten while it still works.
 *
 * @example
 * ```ts
 * import { CONNECT_TOKEN_TTL_MS, createPelmMock } from '@acme/pelm-mock'
 *
 * let now = Date.now()
 * const mock = createPelmMock({ now: () => now })
 * const { token } = mock.store.createConnectToken('conn_1')
 * now += CONNECT_TOKEN_TTL_MS
 * mock.store.findConnectToken(token) // undefined: expired
 * ```
 */
export const CONNECT_TOKEN_TTL_MS = 30 * 60 * 1000

/**
 * How long a code handed back by Connect can be exchanged (10 minutes); it works once.
 *
 * @example
 * ```ts
 * import { CODE_TTL_MS, createPelmMock, sandboxUtilities } from '@acme/pelm-mock'
 *
 * let now = Date.now()
 * const mock = createPelmMock({ now: () => now })
 * const { code } = mock.store.issueCode('conn_1', sandboxUtilities[0])
 * now += CODE_TTL_MS
 * mock.store.redeemCode(code) // { ok: false, reason: 'expired' }
 * ```
 */
export const CODE_TTL_MS = 10 * 60 * 1000

/** The sandbox login `issueCode` records when none is named (the first of `sandboxLogins`). */
const DEFAULT_UTILITY_USERNAME = 'user@pelm.com'

function randomHex(bytes: number): string {
  const values = crypto.getRandomValues(new Uint8Array(bytes))
  return Array.from(values, (value) => value.toString(16).padStart(2, '0')).join('')
}

/**
 * Options of a {@link SandboxStore} besides its clock. `createPelmMock` fills them from its own
 * options (`records`, `state`, `onChange`).
 *
 * @example
 * ```ts
 * import { SandboxStore } from '@acme/pelm-mock'
 *
 * const store = new SandboxStore(Date.now, { retention: { maxEntries: 100, maxAgeMs: 3_600_000 } })
 * ```
 */
export interface SandboxStoreOptions {
  /** How many connect tokens, codes and deleted Users' tokens it keeps, and how long. */
  retention?: Retention
  /** The Users (and their access tokens) to start with, e.g. from a saved state. */
  users?: readonly PelmUserRecord[]
  /** Called after every change to the Users or their access tokens. */
  onUsersChange?: () => void
}

/**
 * The sandbox's memory: connect tokens, codes, Pelm Users and their access tokens. Every expiry
 * is read from the injected clock, so tests can move time instead of waiting. Connect tokens and
 * codes are forgotten by count and age (`retention`); Users and access tokens are kept until
 * deleted.
 *
 * @example
 * ```ts
 * const { code } = mock.store.issueCode('user-1', sandboxUtilities[0])
 * // exchange `code` through POST /auth/token, then:
 * mock.store.users.get('user-1')?.accessTokens
 * ```
 */
export class SandboxStore {
  readonly connectTokens = new Map<string, ConnectTokenRecord>()
  readonly codes = new Map<string, CodeRecord>()
  private readonly pelmUserRecords: SandboxUsers
  private readonly retention: Retention

  constructor(
    private readonly now: () => number,
    options: SandboxStoreOptions = {},
  ) {
    this.retention = options.retention ?? DEFAULT_RECORD_RETENTION
    this.pelmUserRecords = new SandboxUsers(
      now,
      this.retention,
      options.onUsersChange ?? (() => {}),
      options.users,
    )
  }

  /** The connected Pelm Users by `user_id` (deleted ones are gone). */
  get users(): ReadonlyMap<string, PelmUserRecord> {
    return this.pelmUserRecords.all
  }

  /**
   * Every valid access token with its User.
   *
   * @deprecated Keyed by access token, as in 0.1; use `users` (keyed by `user_id`) or
   * `findByAccessToken`.
   */
  get pelmUsers(): ReadonlyMap<string, PelmUserRecord> {
    return this.pelmUserRecords.tokens
  }

  createConnectToken(userId: string, utility?: SandboxUtility): ConnectTokenRecord {
    const createdAt = this.now()
    const record: ConnectTokenRecord = {
      token: `ct_${randomHex(24)}`,
      userId,
      utility,
      createdAt,
      expiresAt: createdAt + CONNECT_TOKEN_TTL_MS,
    }
    this.connectTokens.set(record.token, record)
    pruneOldest(this.connectTokens, this.retention, createdAt, (entry) => entry.createdAt)
    return record
  }

  /** The token's record while it is valid; `undefined` when unknown or expired. */
  findConnectToken(token: string): ConnectTokenRecord | undefined {
    const record = this.connectTokens.get(token)
    return record && record.expiresAt > this.now() ? record : undefined
  }

  /** Whether Connect opens in update mode for this `user_id`: it names a connected User. */
  isUpdateMode(userId: string): boolean {
    return this.pelmUserRecords.all.has(userId)
  }

  /** Ends a successful Connect flow with a one-time code; its exchange connects the User. */
  issueCode(
    userId: string,
    utility: SandboxUtility,
    utilityUsername = DEFAULT_UTILITY_USERNAME,
  ): CodeRecord {
    const issuedAt = this.now()
    const record: CodeRecord = {
      code: `code_${randomHex(24)}`,
      userId,
      utility,
      utilityUsername,
      issuedAt,
      expiresAt: issuedAt + CODE_TTL_MS,
    }
    this.codes.set(record.code, record)
    pruneOldest(this.codes, this.retention, issuedAt, (entry) => entry.issuedAt)
    return record
  }

  /**
   * Exchanges a code once for a new access token: of a new User (create mode) or of the same
   * User as before (update mode, whose earlier tokens stay valid). A second exchange of the same
   * code is rejected as `used`.
   */
  redeemCode(
    code: string,
  ):
    | { ok: true; accessToken: string; user: PelmUserRecord }
    | { ok: false; reason: CodeRejection } {
    const record = this.codes.get(code)
    if (!record) return { ok: false, reason: 'unknown' }
    if (record.usedAt !== undefined) return { ok: false, reason: 'used' }
    const now = this.now()
    if (record.expiresAt <= now) return { ok: false, reason: 'expired' }
    record.usedAt = now
    const accessToken = crypto.randomUUID()
    const { userId, utility, utilityUsername } = record
    const user = this.pelmUserRecords.connect({ userId, utility, utilityUsername }, accessToken)
    return { ok: true, accessToken, user }
  }

  /** The User an access token belongs to; `undefined` when unknown or its User was deleted. */
  findByAccessToken(accessToken: string): PelmUserRecord | undefined {
    return this.pelmUserRecords.tokens.get(accessToken)
  }

  /** The `user_id` of the deleted User this token belonged to (remembered per `retention`). */
  deletedOwnerOf(accessToken: string): string | undefined {
    return this.pelmUserRecords.deletedOwnerOf(accessToken)
  }

  /** Marks a User's credentials invalid, as a password change at the utility would. */
  invalidateCredentials(userId: string): boolean {
    return this.pelmUserRecords.invalidateCredentials(userId)
  }

  /**
   * Deletes a User: its access tokens and unused codes are refused from now on, and the next
   * connect token for its `user_id` starts a new User in create mode.
   */
  deleteUser(userId: string): boolean {
    if (!this.pelmUserRecords.delete(userId)) return false
    for (const [code, record] of this.codes) if (record.userId === userId) this.codes.delete(code)
    return true
  }

  clear(): void {
    this.connectTokens.clear()
    this.codes.clear()
    this.pelmUserRecords.replace([])
  }
}
