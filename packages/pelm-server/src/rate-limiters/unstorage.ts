import type { UnstorageLike } from '../connection-stores/unstorage'
import { sha256Hex } from '../crypto'
import { keyedQueue } from '../keyed-queue'
import { checkRateLimit, type RateLimiter } from '../rate-limit'
import { unstorageKeyPrefix } from '../unstorage-prefix'
import { gcraStep } from './gcra'
import { checkTimeout, withTimeout } from './timeout'

/** Options of {@link unstorageRateLimiter}. */
export interface UnstorageRateLimiterOptions {
  /** Key prefix. Default `pelm:rate`. A `?` is refused (unstorage cuts keys there). */
  prefix?: string
  /** Default `Date.now`. */
  now?: () => number
  /**
   * How long a hit waits for the storage before it rejects (and the routes let the request
   * through). Default 1,000 ms.
   */
  timeoutMs?: number
}

const readTat = (value: unknown) => {
  const tat = (value as { tat?: unknown } | null)?.tat
  return typeof tat === 'number' && Number.isFinite(tat) ? tat : undefined
}

/**
 * A rate limiter over any unstorage driver (GCRA, see `RateLimiter`), shared by every instance
 * using the same storage. **Not atomic across instances**: unstorage has no compare-and-set, so
 * a hit reads the key's timestamp and writes the next one; hits of one key that reach two
 * instances within that read-write time (about one round trip) can both be allowed, so a burst
 * sent to N instances at once can get up to N − 1 hits past the limit. Hits within one process
 * run one after another per key, so one instance alone is exact. Where the limit must hold
 * exactly, use `redisRateLimiter`. Keys are hashed; each value expires with the driver's `ttl`
 * where supported (at least 60 s, Cloudflare KV's minimum), and is ignored once stale anyway.
 * Uses this process's clock: keep the instances' clocks in sync (NTP).
 *
 * @example
 * ```ts
 * import { createStorage } from 'unstorage'
 * import cloudflareKVBindingDriver from 'unstorage/drivers/cloudflare-kv-binding'
 * import { unstorageRateLimiter } from '@acme/pelm-server'
 *
 * const rateLimiter = unstorageRateLimiter(
 *   createStorage({ driver: cloudflareKVBindingDriver({ binding: env.RATE_LIMITS }) }),
 * )
 * ```
 */
export function unstorageRateLimiter(
  storage: UnstorageLike,
  options: UnstorageRateLimiterOptions = {},
): RateLimiter {
  if (typeof storage?.getItem !== 'function' || typeof storage.setItem !== 'function') {
    throw new TypeError(
      'unstorageRateLimiter: pass an unstorage Storage (createStorage({ driver })).',
    )
  }
  const prefix = unstorageKeyPrefix(options.prefix ?? 'pelm:rate', 'unstorageRateLimiter')
  const now = options.now ?? Date.now
  const timeoutMs = checkTimeout(options.timeoutMs, 'unstorageRateLimiter')
  // Hits of one key in this process run one after another.
  const serialize = keyedQueue()

  return {
    async hit(key, limit) {
      const checked = checkRateLimit(limit, 'unstorageRateLimiter')
      const storageKey = `${prefix}:${sha256Hex(key)}`
      const counted = serialize(storageKey, async () => {
        const step = gcraStep(readTat(await storage.getItem(storageKey)), now(), checked)
        if (step.tat !== undefined) {
          // Whole seconds, at least 60: Cloudflare KV refuses shorter; a stale value is ignored.
          const ttl = Math.max(60, Math.ceil(step.ttlMs / 1000))
          await storage.setItem(storageKey, { tat: step.tat } as never, { ttl })
        }
        return step.result
      })
      return withTimeout(
        counted,
        timeoutMs,
        `unstorageRateLimiter: the storage did not answer within ${timeoutMs} ms.`,
      )
    },
  }
}
