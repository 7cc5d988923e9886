import type { Context, MiddlewareHandler } from 'hono'
import type { PelmHttpError } from './errors/json-error'
import { renderError, toHttpError } from './errors/render'
import type { Log } from './logger'

/** What a route learnt before it failed: the signed-in user, once known. */
export interface Seen {
  userId?: string
}

/**
 * A route whose failures always answer the JSON error body, whatever error handler the host
 * app has. `onFailure` sees each refusal first, with what the route had learnt (server events).
 */
export function guarded(
  log: Log,
  run: (c: Context, seen: Seen) => Promise<Response>,
  onFailure?: (c: Context, error: PelmHttpError, seen: Seen) => void,
): MiddlewareHandler {
  return async (c) => {
    const seen: Seen = {}
    try {
      return await run(c, seen)
    } catch (thrown) {
      const error = toHttpError(thrown)
      onFailure?.(c, error, seen)
      return renderError(c, error, log)
    }
  }
}
