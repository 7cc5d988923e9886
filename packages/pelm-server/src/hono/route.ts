import type { Context, MiddlewareHandler } from 'hono'
import type * as v from 'valibot'
import { PelmHttpError } from './errors/json-error'
import { guarded } from './guard'
import { describeError } from './logger'
import { limitBody, readJsonBody } from './middleware/json-body'
import { originGuard } from './middleware/origin-guard'
import { requireUser, userIdOf } from './middleware/require-user'
import type { BaseRuntime, LimitedRoute, LimitsRuntime } from './runtime'

/** The guards every route shares: unsafe methods from our origins only, then a signed-in user. */
const guards = (runtime: BaseRuntime) => [originGuard(runtime.allowedOrigins), requireUser(runtime)]

const ROUTE_NAMES = { connectToken: 'connect-token', exchange: 'exchange' } as const

/**
 * The per-user rate limit of a route: over it, 429 `rate_limited` with `Retry-After`, before
 * anything reaches Pelm. A limiter that fails (its Redis down) lets the request through and logs
 * an error: an outage of the counter must not stop every connection.
 */
function rateLimited(runtime: BaseRuntime & LimitsRuntime, route: LimitedRoute): MiddlewareHandler {
  return async (c, next) => {
    const limit = runtime.rateLimits[route]
    if (limit === false) return next()
    const userId = userIdOf(c)
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
    if (result && !result.allowed) {
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
    return next()
  }
}

/**
 * A guarded route without a body; `handler` gets the signed-in user's id. Every failure answers
 * the JSON error body.
 */
export function userRoute(
  runtime: BaseRuntime,
  handler: (c: Context, userId: string) => Promise<Response>,
): MiddlewareHandler {
  return guarded(runtime.log, [...guards(runtime), (c) => handler(c, userIdOf(c))])
}

/** Options of {@link jsonRoute}. */
export interface JsonRouteOptions {
  allowEmpty: boolean
  /** The per-user rate limit that applies, if any. */
  limit: LimitedRoute
  /** Sees each refusal of this route (for the server events). */
  onFailure?: (c: Context, error: PelmHttpError) => void
}

/**
 * A guarded JSON route: the guards, the route's rate limit, then a size-limited JSON body
 * checked by `schema`; `handler` gets the user's id and the checked body.
 */
export function jsonRoute<S extends v.GenericSchema>(
  runtime: BaseRuntime & LimitsRuntime,
  schema: S,
  options: JsonRouteOptions,
  handler: (c: Context, userId: string, body: v.InferOutput<S>) => Promise<Response>,
): MiddlewareHandler {
  return guarded(
    runtime.log,
    [
      ...guards(runtime),
      rateLimited(runtime, options.limit),
      limitBody(runtime.maxBodyBytes),
      async (c) => handler(c, userIdOf(c), await readJsonBody(c, schema, options)),
    ],
    options.onFailure,
  )
}
