import * as v from 'valibot'

/**
 * How many hits a key may make per window: `limit` at once, then one every `windowMs / limit`.
 *
 * @example
 * ```ts
 * const exchangeLimit: RateLimit = { limit: 10, windowMs: 10 * 60_000 }
 * ```
 */
export interface RateLimit {
  /** Hits allowed in a burst, and per `windowMs` on average. A positive integer. */
  limit: number
  /** The window in ms. Positive. */
  windowMs: number
}

/**
 * What {@link RateLimiter.hit} answers.
 *
 * @example
 * ```ts
 * const { allowed, retryAfterMs }: RateLimitResult = await rateLimiter.hit(key, limit)
 * const retryAfter = String(Math.ceil(retryAfterMs / 1000)) // the Retry-After header, in seconds
 * ```
 */
export interface RateLimitResult {
  /** Whether this hit may go on. A refused hit is not counted. */
  allowed: boolean
  /** Hits still allowed right now after this one (0 when refused). */
  remaining: number
  /** When refused: ms until the next hit will be allowed (for `Retry-After`); 0 when allowed. */
  retryAfterMs: number
}

/**
 * Counts hits per key (e.g. `connect-token:<app user id>`) and says whether each may go on.
 * Adapters: `memoryRateLimiter()` (one process), `redisRateLimiter(client)` (atomic, shared by
 * every instance), `unstorageRateLimiter(storage)` (shared, not atomic). Each implements GCRA,
 * the generic cell rate algorithm: one timestamp per key, bursts up to `limit`, then one hit
 * per `windowMs / limit`. Unlike a fixed window it never lets 2 × `limit` through around a
 * window boundary, and unlike a sliding log it stores one number per key, not one per hit.
 * `@acme/pelm-server/testing` has `rateLimiterContract` to check a limiter of your own.
 *
 * @example
 * ```ts
 * const { allowed, retryAfterMs } = await rateLimiter.hit(`connect-token:${userId}`, {
 *   limit: 30,
 *   windowMs: 10 * 60_000,
 * })
 * if (!allowed) return c.json(tooMany, 429, { 'Retry-After': String(Math.ceil(retryAfterMs / 1000)) })
 * ```
 */
export interface RateLimiter {
  /**
   * Counts one hit of `key` under `limit` and answers whether it may go on. Rejects when the
   * backend fails: callers decide whether to fail open or closed.
   */
  hit(key: string, limit: RateLimit): Promise<RateLimitResult>
}

/**
 * The proposed per-user limits of the two routes that spend something, per app user:
 * - `connectToken`: 30 per 10 minutes (a burst of 30, then one every 20 s). Every connect
 *   token spends Pelm quota, but the React `ConnectButton` prefetches one per button on
 *   mount and again before it expires, so a connections page with four buttons spends four
 *   per load: 30 lets a person reload it seven times in a row, and stops a script within
 *   seconds.
 * - `exchange`: 10 per 10 minutes (one every minute after a burst of 10). An exchange follows a
 *   finished Connect, which takes a person a minute or more; each code is single-use anyway.
 *
 * @example
 * ```ts
 * import { DEFAULT_RATE_LIMITS } from '@acme/pelm-server'
 * await rateLimiter.hit(`exchange:${userId}`, DEFAULT_RATE_LIMITS.exchange)
 * ```
 */
export const DEFAULT_RATE_LIMITS = {
  connectToken: { limit: 30, windowMs: 10 * 60_000 },
  exchange: { limit: 10, windowMs: 10 * 60_000 },
} as const satisfies Record<string, RateLimit>

/**
 * The schema of a {@link RateLimit}: `limit` a positive integer, `windowMs` a positive finite
 * number of ms. Use it to check limits given as options.
 *
 * @example
 * ```ts
 * import * as v from 'valibot'
 * const limit = v.parse(rateLimitSchema, options.rateLimits?.exchange ?? DEFAULT_RATE_LIMITS.exchange)
 * ```
 */
export const rateLimitSchema = v.object({
  limit: v.pipe(v.number(), v.integer('limit must be a positive integer'), v.minValue(1)),
  windowMs: v.pipe(
    v.number(),
    v.finite('windowMs must be a positive number of ms'),
    v.gtValue(0, 'windowMs must be a positive number of ms'),
  ),
})

/** Checks a limit given to `hit`; throws a `TypeError` naming the owner. */
export function checkRateLimit(limit: unknown, owner: string): RateLimit {
  const result = v.safeParse(rateLimitSchema, limit)
  if (result.success) return result.output
  const [issue] = result.issues
  const path = issue.path?.map((item) => String(item.key)).join('.')
  throw new TypeError(
    `${owner}: the limit must be { limit: a positive integer, windowMs: a positive number of ms }; ${path ? `${path}: ` : ''}${issue.message}.`,
  )
}
