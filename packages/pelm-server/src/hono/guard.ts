import type { Context, MiddlewareHandler } from 'hono'
import { every } from 'hono/combine'
import type { PelmHttpError } from './errors/json-error'
import { renderError, toHttpError } from './errors/render'
import type { Log } from './logger'

/**
 * Runs middleware and a final handler as one handler whose failures always answer the JSON
 * error body, whatever error handler the host app has. `onFailure` sees each refusal first (for
 * the server events).
 */
export function guarded(
  log: Log,
  steps: MiddlewareHandler[],
  onFailure?: (c: Context, error: PelmHttpError) => void,
): MiddlewareHandler {
  const chain = every(...steps)
  return async (c, next) => {
    try {
      await chain(c, next)
      return c.res
    } catch (thrown) {
      const error = toHttpError(thrown)
      onFailure?.(c, error)
      return renderError(c, error, log)
    }
  }
}
