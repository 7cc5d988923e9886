import type { Context } from 'hono'
import { PelmHttpError } from '../errors/json-error'
import { describeError } from '../logger'
import type { BaseRuntime, LimitedRoute, LimitsRuntime } from '../runtime'

const ROUTE_NAMES = { connectToken: 'connect-token', exchange: 'exchange' } as const

/**
 * The per-user rate limit of a route: over it, 429 `rate_limited` with `Retry-After`, before
 * anything reaches Pelm. A limiter that fails (its Redis down) lets the request through and logs
 * an error: an outage of the counter must not stop every connection.
 */
export async function enforceRateLimit(
  c: Context,
  runtime: BaseRuntime & LimitsRuntime,
  route: LimitedRoute,
  userId: string,
): Promise<void> {
  const limit = runtime.rateLimits[route]
  if (limit === false) return
  const result = await runtime.rateLimiter
    .hit(`${ROUTE_NAMES[route]}:${userId}`, limit)
    .catch((error: unknown) => {
      runtime.log({
        level: 'error',
        event: 'rate_limit.failed',
        userId,
        error: describeError(error),
      })
      return undefined
    })
  if (!result || result.allowed) return
  runtime.emit(c, {
    type: 'rate_limited',
    userId,
    route: ROUTE_NAMES[route],
    retryAfterMs: result.retryAfterMs,
  })
  throw new PelmHttpError('rate_limited', 'Too many requests. Please wait and try again.', {
    retryAfter: Math.max(1, Math.ceil(result.retryAfterMs / 1000)),
  })
}
