import type { Context, MiddlewareHandler } from 'hono'
import type * as v from 'valibot'
import { guarded } from './guard'
import { limitBody, readJsonBody } from './middleware/json-body'
import { originGuard } from './middleware/origin-guard'
import { requireUser, userIdOf } from './middleware/require-user'
import type { BaseRuntime } from './runtime'

/** The guards every route shares: unsafe methods from our origins only, then a signed-in user. */
const guards = (runtime: BaseRuntime) => [originGuard(runtime.allowedOrigins), requireUser(runtime)]

/**
 * A guarded route without a body; `handler` gets the signed-in user's id. Every failure answers
 * the JSON error body.
 */
export function userRoute(
  runtime: BaseRuntime,
  handler: (c: Context, userId: string) => Promise<Response>,
): MiddlewareHandler {
  return guarded(runtime.log, ...guards(runtime), (c) => handler(c, userIdOf(c)))
}

/**
 * A guarded JSON route: the guards, then a size-limited JSON body checked by `schema`; `handler`
 * gets the user's id and the checked body.
 */
export function jsonRoute<S extends v.GenericSchema>(
  runtime: BaseRuntime,
  schema: S,
  options: { allowEmpty: boolean },
  handler: (c: Context, userId: string, body: v.InferOutput<S>) => Promise<Response>,
): MiddlewareHandler {
  return guarded(runtime.log, ...guards(runtime), limitBody(runtime.maxBodyBytes), async (c) =>
    handler(c, userIdOf(c), await readJsonBody(c, schema, options)),
  )
}
