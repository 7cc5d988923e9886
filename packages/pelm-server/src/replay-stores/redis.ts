import { sha256Hex } from '../crypto'
import type { ReplayStore } from '../replay-store'

/**
 * The one Redis command {@link redisReplayStore} needs, in ioredis's shape:
 * `SET key value PX ms NX`, answering `'OK'` when the key was set and `null` when it existed.
 * node-redis fits through a one-line adapter (see the example of `redisReplayStore`).
 */
export interface RedisSetNxClient {
  set(key: string, value: string, px: 'PX', ttlMs: number, nx: 'NX'): Promise<unknown>
}

/** Options of {@link redisReplayStore}. */
export interface RedisReplayStoreOptions {
  /** Key prefix. Default `pelm:used`. */
  prefix?: string
}

/**
 * An atomic replay store over Redis: each claim is one `SET key 1 PX ttl NX`, so of any number of
 * concurrent claims of a key, from any number of server instances, exactly one wins. The marker
 * expires with its TTL; nothing is kept in the process. Keys are hashed under the prefix. The core
 * imports no Redis client: pass yours.
 *
 * @example
 * ```ts
 * import Redis from 'ioredis'
 * import { redisReplayStore } from '@acme/pelm-server'
 *
 * const replayStore = redisReplayStore(new Redis(process.env.REDIS_URL!))
 *
 * // node-redis (v4+):
 * const replayStore = redisReplayStore({
 *   set: (key, value, _px, ttlMs) => client.set(key, value, { PX: ttlMs, NX: true }),
 * })
 * ```
 */
export function redisReplayStore(
  client: RedisSetNxClient,
  options: RedisReplayStoreOptions = {},
): ReplayStore {
  if (typeof client?.set !== 'function') {
    throw new TypeError(
      'redisReplayStore: pass a Redis client with set(key, value, "PX", ms, "NX") (ioredis), or an adapter of yours.',
    )
  }
  const prefix = options.prefix ?? 'pelm:used'
  return {
    async claim(key, ttlMs) {
      const storageKey = `${prefix}:${sha256Hex(key)}`
      const ttl = Math.max(1, Math.ceil(ttlMs))
      return (await client.set(storageKey, '1', 'PX', ttl, 'NX')) === 'OK'
    },
  }
}
