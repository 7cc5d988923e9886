import { sha256Hex } from '../crypto'
import { parseTokenRecord, type TokenStore } from '../token-store'

/**
 * The part of an unstorage `Storage` the stores use; any unstorage instance fits (memory, fs,
 * Redis, Cloudflare KV, …). Typed structurally so the core needs no unstorage import.
 */
export interface UnstorageLike {
  getItem(key: string): Promise<unknown>
  setItem(key: string, value: never, options?: { ttl?: number }): Promise<void>
  removeItem(key: string): Promise<void>
}

/** Options of {@link unstorageTokenStore}. */
export interface UnstorageTokenStoreOptions {
  /** Key prefix. Default `pelm:tokens`. */
  prefix?: string
}

/**
 * A token store over any unstorage driver. Keys are `prefix:<sha256(userId)>`, so any user id is
 * a safe key (no `/`, `:`, `..`) and ids do not appear in key names. Wrap it with
 * `encryptedTokenStore` so the driver never holds a plaintext token.
 *
 * @example
 * ```ts
 * import { createStorage } from 'unstorage'
 * import redisDriver from 'unstorage/drivers/redis'
 * import { unstorageTokenStore } from '@acme/pelm-server'
 *
 * const tokenStore = unstorageTokenStore(createStorage({ driver: redisDriver({ url: REDIS_URL }) }))
 * ```
 */
export function unstorageTokenStore(
  storage: UnstorageLike,
  options: UnstorageTokenStoreOptions = {},
): TokenStore {
  if (typeof storage?.getItem !== 'function' || typeof storage.setItem !== 'function') {
    throw new TypeError(
      'unstorageTokenStore: pass an unstorage Storage (createStorage({ driver })).',
    )
  }
  const prefix = options.prefix ?? 'pelm:tokens'
  const keyOf = async (userId: string) => `${prefix}:${await sha256Hex(userId)}`
  return {
    async get(userId) {
      const value = await storage.getItem(await keyOf(userId))
      return value === null || value === undefined ? undefined : parseTokenRecord(value)
    },
    async set(userId, record) {
      await storage.setItem(await keyOf(userId), parseTokenRecord(record) as never)
    },
    async delete(userId) {
      await storage.removeItem(await keyOf(userId))
    },
  }
}
