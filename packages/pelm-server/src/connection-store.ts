import * as v from 'valibot'
import { MAX_STORED_ACCESS_TOKEN_LENGTH } from './access-token'
import { base64UrlEncode, randomBytes } from './crypto'
import { isWellFormed } from './text'

/** The utility a connection is for: what the flow asked for, and what Pelm's Get user told. */
export interface ConnectedUtility {
  /** Pelm's utility id (from the flow's `utilityId`, or from Get user). */
  id?: string
  /** Pelm's utility slug, when the flow named one. */
  slug?: string
  /** The utility's full name, from Get user (e.g. "Pacific Gas and Electric"). */
  name?: string
}

/**
 * What a {@link ConnectionStore} keeps for one connection: one utility login of one app user,
 * which is one User at Pelm.
 */
export interface ConnectionRecord {
  /** Minted by the server (`mintConnectionId()`: 128 random bits, base64url); never chosen by a browser. */
  id: string
  /** The `user_id` this connection has at Pelm (see the `pelmUserId` option). */
  pelmUserId: string
  /** Pelm's access token for that User: it does not expire; never send it to a browser. */
  accessToken: string
  /** ISO 8601 time of the first exchange. */
  connectedAt: string
  utility?: ConnectedUtility
  /** The login name at the utility, from Get user: two connections with the same one are merged. */
  utilityUsername?: string
  /** Pelm's `credentials_valid` at `checkedAt`; `false` means the person must reconnect. */
  credentialsValid?: boolean
  /** ISO 8601 time of the last successful Get user. */
  checkedAt?: string
}

/**
 * Whether Pelm can still read a connection's data, from its last Get user check:
 * `reconnect_required` when Pelm said `credentials_valid: false` (or no longer has the login),
 * `unknown` when it was never checked or the last check failed.
 */
export type ConnectionStatus = 'active' | 'reconnect_required' | 'unknown'

/**
 * The status a record's last check implies (never checked: `unknown`).
 *
 * @example
 * ```ts
 * const needsReconnect = (await connectionStore.list(userId)).filter(
 *   (record) => statusOf(record) === 'reconnect_required',
 * )
 * ```
 */
export const statusOf = (record: ConnectionRecord): ConnectionStatus =>
  record.credentialsValid === undefined
    ? 'unknown'
    : record.credentialsValid
      ? 'active'
      : 'reconnect_required'

/**
 * Where connections live: several per app user, one per utility login. Implement it over your
 * database (`@acme/pelm-server/testing` has the contract tests to run against it), or use
 * `memoryConnectionStore()`, `unstorageConnectionStore(storage)` and
 * `encryptedConnectionStore(store, { keys })`.
 *
 * Every method is scoped by the app user id: a record never answers for another user.
 *
 * @example
 * ```ts
 * const connectionStore: ConnectionStore = {
 *   list: (userId) => db.pelmConnections.findMany({ where: { userId } }),
 *   get: (userId, id) => db.pelmConnections.findFirst({ where: { userId, id } }),
 *   // a replacement: a field the record lacks must not survive from the stored one (with
 *   // Prisma, `update: { utilityUsername: record.utilityUsername ?? null, … }`)
 *   set: (userId, record) => db.pelmConnections.upsert({ userId, ...record }),
 *   delete: (userId, id) => db.pelmConnections.deleteMany({ where: { userId, id } }),
 * }
 * ```
 */
export interface ConnectionStore {
  /** The user's connections, oldest first (by `connectedAt`); `[]` when there are none. */
  list(userId: string): Promise<ConnectionRecord[]>
  /** One connection of this user; `undefined` when this user has none with that id. */
  get(userId: string, connectionId: string): Promise<ConnectionRecord | undefined>
  /**
   * Inserts or replaces the connection `record.id` of this user: the whole record, so a field
   * the new one lacks is gone (a reconnect stores no status until Pelm is asked again).
   */
  set(userId: string, record: ConnectionRecord): Promise<void>
  /** Forgets one connection of this user; deleting nothing is not an error. */
  delete(userId: string, connectionId: string): Promise<void>
}

/**
 * A stored record could not be read back: wrong shape (`invalid_record`), or no configured key
 * decrypts it (`decryption_failed`).
 *
 * @example
 * ```ts
 * try {
 *   await connectionStore.list(userId)
 * } catch (error) {
 *   if (error instanceof ConnectionStoreError && error.code === 'decryption_failed') alertOperator()
 * }
 * ```
 */
export class ConnectionStoreError extends Error {
  constructor(
    readonly code: 'invalid_record' | 'decryption_failed',
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options)
    this.name = 'ConnectionStoreError'
  }
}

/**
 * Checks an app user id given to a store that keeps it as UTF-8 (a hashed key, a row, associated
 * data): with a lone surrogate, `x\uD800` would be stored as `x\uFFFD`, another user's id.
 * Throws a `TypeError` naming the owner. Internal.
 */
export function checkUserId(userId: unknown, owner: string): string {
  if (typeof userId !== 'string') {
    throw new TypeError(`${owner}: the user id must be a string; got ${typeof userId}.`)
  }
  if (!isWellFormed(userId)) {
    throw new TypeError(
      `${owner}: the user id holds a lone surrogate (not Unicode text): as UTF-8 it would read as the id with U+FFFD in its place, another user's.`,
    )
  }
  return userId
}

/** What a connection id may hold: ids travel in URLs and inside the signed state. */
export const CONNECTION_ID = /^[A-Za-z0-9_-]{1,64}$/

/**
 * A new connection id: 128 random bits, base64url (22 characters). Only the server mints them.
 *
 * @example
 * ```ts
 * const id = mintConnectionId() // 'Xq3v…' (22 characters)
 * ```
 */
export function mintConnectionId(): string {
  return base64UrlEncode(randomBytes(16))
}

const text = v.pipe(v.string(), v.minLength(1), v.maxLength(4096))
const isoDate = v.pipe(
  v.string(),
  v.check((value) => !Number.isNaN(Date.parse(value)), 'an ISO 8601 date'),
)

/** `{ id?, slug?, name? }`, each a string when present; other fields are dropped. */
const connectedUtilitySchema = v.object({
  id: v.optional(v.string()),
  slug: v.optional(v.string()),
  name: v.optional(v.string()),
})

/** The schema of a stored {@link ConnectionRecord}: unknown fields are dropped. */
const connectionRecordSchema = v.object({
  id: v.pipe(v.string(), v.regex(CONNECTION_ID, 'a connection id (1 to 64 base64url characters)')),
  pelmUserId: text,
  accessToken: v.pipe(v.string(), v.minLength(1), v.maxLength(MAX_STORED_ACCESS_TOKEN_LENGTH)),
  connectedAt: isoDate,
  utility: v.optional(connectedUtilitySchema),
  utilityUsername: v.optional(v.string()),
  credentialsValid: v.optional(v.boolean()),
  checkedAt: v.optional(isoDate),
})

/** A message naming what was expected, never the value (the schema's own messages hold none). */
const withoutReceived = (issue: v.BaseIssue<unknown>) =>
  `Invalid ${issue.kind === 'schema' ? 'type' : issue.type}: Expected ${issue.expected ?? 'a valid value'}`

/**
 * Checks a value read from storage; answers a fresh {@link ConnectionRecord} holding only the
 * known fields (so a stored value never aliases the one returned).
 *
 * @example
 * ```ts
 * const record = parseConnectionRecord(JSON.parse(row.data)) // throws ConnectionStoreError
 * ```
 */
export function parseConnectionRecord(value: unknown): ConnectionRecord {
  // valibot's default messages quote what they received: a torn record read back as one string
  // would put its access token in the message, and from there in the logs.
  const result = v.safeParse(connectionRecordSchema, value, { message: withoutReceived })
  if (result.success) return result.output
  const [issue] = result.issues
  const path = issue.path?.map((item) => String(item.key)).join('.')
  throw new ConnectionStoreError(
    'invalid_record',
    `The stored connection record is invalid: ${path ? `${path}: ` : ''}${issue.message}.`,
  )
}

/** Oldest first, then by id: the order `list` answers in. */
export const byConnectedAt = (a: ConnectionRecord, b: ConnectionRecord) =>
  Date.parse(a.connectedAt) - Date.parse(b.connectedAt) || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0)
