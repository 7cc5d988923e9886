import type { StandardSchemaV1 } from '@standard-schema/spec'
import type { Context, MiddlewareHandler } from 'hono'
import { guarded } from './guard'
import { limitBody, requireJson } from './middleware/json-body'
import { originGuard } from './middleware/origin-guard'
import { requireUser } from './middleware/require-user'
import { validateJson } from './middleware/validate-body'
import type { PelmRuntime } from './runtime'

/**
 * A guarded JSON `POST`: same origin, signed-in user, body size, JSON type, then the schema;
 * `handler` receives the body `schema` checked.
 */
export function jsonPost<S extends StandardSchemaV1, Body = StandardSchemaV1.InferOutput<S>>(
  runtime: PelmRuntime,
  schema: S,
  options: { allowEmpty: boolean },
  handler: (c: Context, body: Body) => Promise<Response>,
): MiddlewareHandler {
  return guarded(
    runtime,
    originGuard(runtime.allowedOrigins),
    requireUser(runtime),
    limitBody(runtime.maxBodyBytes),
    requireJson(options),
    validateJson(schema),
    (c) => handler(c, (c.req as { valid(target: 'json'): Body }).valid('json')),
  )
}
