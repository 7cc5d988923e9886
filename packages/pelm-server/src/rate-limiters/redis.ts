import { sha256Hex } from '../crypto'
import { checkRateLimit, type RateLimiter } from '../rate-limit'
import { GCRA_SCRIPT } from './redis-script'
import { checkTimeout, withTimeout } from './timeout'

/**
 * The one Redis command {@link redisRateLimiter} needs, in ioredis's shape:
 * `EVAL script numKeys ...keysAndArgs`. node-redis fits through a one-line adapter (see the
 * example of `redisRateLimiter`).
 *
 * @example
 * ```ts
 * import Redis from 'ioredis'
 * const client: RedisEvalClient = new Redis(process.env.REDIS_URL!)
 * ```
 */
export interface RedisEvalClient {
  eval(script: string, numKeys: number, ...keysAndArgs: (string | number)[]): Promise<unknown>
}

/** Options of {@link redisRateLimiter}. */
export interface RedisRateLimiterOptions {
  /** Key prefix. Default `pelm:rate`. */
  prefix?: string
  /**
   * How long a hit waits for Redis before it rejects (and the routes let the request through).
   * Default 1,000 ms: with Redis down, ioredis queues and retries a command for 10 s or more.
   */
  timeoutMs?: number
}

const isAnswer = (value: unknown): value is [number, number, number] =>
  Array.isArray(value) && value.length === 3 && value.every((item) => Number.isInteger(item))

/**
 * A rate limiter over Redis, shared by every instance and atomic: each hit is one `EVAL` of a
 * small GCRA script (see `RateLimiter`), on Redis's own clock, so of any number of concurrent
 * hits from any number of instances exactly `limit` go through. One string per key, which
 * expires by itself once the key is back to a full burst. Keys are hashed under the prefix, so
 * no app user id (maybe an email) appears in Redis. The core imports no Redis client: pass
 * yours. A Redis error rejects `hit`, and so does no answer within `timeoutMs` (1 s), so the
 * routes fail open at once while Redis is down instead of after the client's retries.
 *
 * @example
 * ```ts
 * import Redis from 'ioredis'
 * import { redisRateLimiter } from '@acme/pelm-server'
 *
 * const rateLimiter = redisRateLimiter(new Redis(process.env.REDIS_URL!))
 *
 * // node-redis (v4+):
 * const rateLimiter = redisRateLimiter({
 *   eval: (script, numKeys, ...rest) =>
 *     client.eval(script, {
 *       keys: rest.slice(0, numKeys).map(String),
 *       arguments: rest.slice(numKeys).map(String),
 *     }),
 * })
 * ```
 */
export function redisRateLimiter(
  client: RedisEvalClient,
  options: RedisRateLimiterOptions = {},
): RateLimiter {
  if (typeof client?.eval !== 'function') {
    throw new TypeError(
      'redisRateLimiter: pass a Redis client with eval(script, numKeys, ...args) (ioredis), or an adapter of yours.',
    )
  }
  const prefix = options.prefix ?? 'pelm:rate'
  const timeoutMs = checkTimeout(options.timeoutMs, 'redisRateLimiter')
  return {
    async hit(key, limit) {
      const checked = checkRateLimit(limit, 'redisRateLimiter')
      const storageKey = `${prefix}:${await sha256Hex(key)}`
      const answer = await withTimeout(
        client.eval(GCRA_SCRIPT, 1, storageKey, checked.limit, checked.windowMs),
        timeoutMs,
        `redisRateLimiter: Redis did not answer within ${timeoutMs} ms.`,
      )
      if (!isAnswer(answer)) {
        throw new TypeError(
          `redisRateLimiter: Redis answered the script with ${JSON.stringify(answer)}, not [allowed, remaining, retryAfterMs].`,
        )
      }
      const [allowed, remaining, retryAfterMs] = answer
      return { allowed: allowed === 1, remaining, retryAfterMs }
    },
  }
}
