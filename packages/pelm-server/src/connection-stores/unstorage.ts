import {
  byConnectedAt,
  type ConnectionStore,
  checkUserId,
  parseConnectionRecord,
} from '../connection-store'
import { sha256Hex } from '../crypto'
import { unstorageKeyPrefix } from '../unstorage-prefix'

/**
 * The part of an unstorage `Storage` the stores use; any unstorage instance fits (memory, fs,
 * Redis, Cloudflare KV, …). Typed structurally so the core needs no unstorage import.
 */
export interface UnstorageLike {
  getItem(key: string): Promise<unknown>
  setItem(key: string, value: never, options?: { ttl?: number }): Promise<void>
  removeItem(key: string): Promise<void>
  getKeys(base?: string): Promise<string[]>
}

/** Options of {@link unstorageConnectionStore}. */
export interface UnstorageConnectionStoreOptions {
  /**
   * Key prefix. Default `pelm:connections`. `/` and `\` count as `:`, as in unstorage; a `?` is
   * refused (unstorage cuts keys there).
   */
  prefix?: string
}

/**
 * A connection store over any unstorage driver, one item per connection. Keys are
 * `prefix:<sha256(userId)>:<sha256(connectionId)>`, so any id is a safe key (no `/`, `:`, `..`),
 * ids do not appear in key names, and `list` asks the driver for one user's keys (`fs-lite`
 * walks every key, and unstorage's `redis` driver `SCAN`s the whole database: give it
 * `scanCount: 1000` and a database of its own, see the README). Wrap it with
 * `encryptedConnectionStore` so the driver never holds a plaintext token.
 *
 * @example
 * ```ts
 * import { createStorage } from 'unstorage'
 * import redisDriver from 'unstorage/drivers/redis'
 * import { unstorageConnectionStore } from '@acme/pelm-server'
 *
 * const connectionStore = unstorageConnectionStore(
 *   createStorage({ driver: redisDriver({ url: process.env.REDIS_URL, scanCount: 1000 }) }),
 * )
 * ```
 */
export function unstorageConnectionStore(
  storage: UnstorageLike,
  options: UnstorageConnectionStoreOptions = {},
): ConnectionStore {
  if (typeof storage?.getItem !== 'function' || typeof storage.getKeys !== 'function') {
    throw new TypeError(
      'unstorageConnectionStore: pass an unstorage Storage (createStorage({ driver })).',
    )
  }
  const prefix = unstorageKeyPrefix(
    options.prefix ?? 'pelm:connections',
    'unstorageConnectionStore',
  )
  // The keys `getKeys` answers are in unstorage's form: so is the prefix they are compared with.
  const userBase = (userId: string) =>
    (prefix ? `${prefix}:` : '') + sha256Hex(checkUserId(userId, 'unstorageConnectionStore'))
  const keyOf = (userId: string, connectionId: string) =>
    `${userBase(userId)}:${sha256Hex(connectionId)}`
  const read = (value: unknown) =>
    value === null || value === undefined ? undefined : parseConnectionRecord(value)
  return {
    async list(userId) {
      const base = userBase(userId)
      // Drivers differ on whether the base must end with ':'; filter on the exact prefix anyway.
      const keys = (await storage.getKeys(`${base}:`)).filter((key) => key.startsWith(`${base}:`))
      const records = await Promise.all(keys.map(async (key) => read(await storage.getItem(key))))
      return records.filter((record) => record !== undefined).sort(byConnectedAt)
    },
    async get(userId, connectionId) {
      return read(await storage.getItem(keyOf(userId, connectionId)))
    },
    async set(userId, record) {
      const checked = parseConnectionRecord(record)
      await storage.setItem(keyOf(userId, checked.id), checked as never)
    },
    async delete(userId, connectionId) {
      await storage.removeItem(keyOf(userId, connectionId))
    },
  }
}
