/** The utility a connection was made for, when the flow named one. */
export interface ConnectedUtility {
  id?: string
  slug?: string
}

/** What a {@link TokenStore} keeps per user. */
export interface TokenRecord {
  /** Pelm's access token: it does not expire; never send it to a browser. */
  accessToken: string
  /** ISO 8601 time of the exchange. */
  connectedAt: string
  utility?: ConnectedUtility
}

/**
 * Where access tokens live, one per app user. Implement it over your database, or use
 * `memoryTokenStore()`, `unstorageTokenStore(storage)`, and `encryptedTokenStore(store, …)`.
 *
 * @example
 * ```ts
 * const store: TokenStore = {
 *   get: (userId) => db.pelmTokens.find(userId),
 *   set: (userId, record) => db.pelmTokens.upsert(userId, record),
 *   delete: (userId) => db.pelmTokens.remove(userId),
 * }
 * ```
 */
export interface TokenStore {
  get(userId: string): Promise<TokenRecord | undefined>
  set(userId: string, record: TokenRecord): Promise<void>
  /** Deleting a user without a record is not an error. */
  delete(userId: string): Promise<void>
}

/**
 * A stored record could not be read back: wrong shape (`invalid_record`), or no configured key
 * decrypts it (`decryption_failed`).
 *
 * @example
 * ```ts
 * try {
 *   await tokenStore.get(userId)
 * } catch (error) {
 *   if (error instanceof TokenStoreError && error.code === 'decryption_failed') reconnect(userId)
 * }
 * ```
 */
export class TokenStoreError extends Error {
  constructor(
    readonly code: 'invalid_record' | 'decryption_failed',
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options)
    this.name = 'TokenStoreError'
  }
}

const isString = (value: unknown): value is string => typeof value === 'string'

/**
 * Checks a value read from storage; answers a fresh {@link TokenRecord} with only known fields.
 *
 * @example
 * ```ts
 * const record = parseTokenRecord(await storage.getItem(key)) // throws TokenStoreError
 * ```
 */
export function parseTokenRecord(value: unknown): TokenRecord {
  const invalid = (detail: string) =>
    new TokenStoreError('invalid_record', `The stored token record is invalid: ${detail}.`)
  if (typeof value !== 'object' || value === null) throw invalid('not an object')
  const { accessToken, connectedAt, utility } = value as Record<string, unknown>
  if (!isString(accessToken) || accessToken === '') throw invalid('accessToken is missing')
  if (!isString(connectedAt) || Number.isNaN(Date.parse(connectedAt))) {
    throw invalid('connectedAt is not an ISO date')
  }
  const record: TokenRecord = { accessToken, connectedAt }
  if (utility !== undefined && utility !== null) {
    if (typeof utility !== 'object') throw invalid('utility is not an object')
    record.utility = readConnectedUtility(utility)
    if (!record.utility) throw invalid('utility.id and utility.slug must be strings')
  }
  return record
}

/** A fresh `{ id?, slug? }`, or `undefined` unless `id` and `slug` are strings or absent. */
export function readConnectedUtility(value: unknown): ConnectedUtility | undefined {
  if (typeof value !== 'object' || value === null) return undefined
  const { id, slug } = value as Record<string, unknown>
  if ((id !== undefined && !isString(id)) || (slug !== undefined && !isString(slug))) {
    return undefined
  }
  return { ...(isString(id) && { id }), ...(isString(slug) && { slug }) }
}
