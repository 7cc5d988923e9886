import type { MiddlewareHandler } from 'hono'
import { every } from 'hono/combine'
import { renderError } from './errors/render'
import type { Log } from './logger'

/**
 * Runs middleware and a final handler as one handler whose failures always answer the JSON
 * error body, whatever error handler the host app has.
 */
export function guarded(log: Log, ...steps: MiddlewareHandler[]): MiddlewareHandler {
  const chain = every(...steps)
  return async (c, next) => {
    try {
      await chain(c, next)
      return c.res
    } catch (error) {
      return renderError(c, error, log)
    }
  }
}
