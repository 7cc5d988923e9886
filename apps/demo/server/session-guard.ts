import type { Context, MiddlewareHandler } from 'hono'
import { SESSION_USER_HEADER } from '../shared/headers'
import { jsonError } from './json-error'

export { SESSION_USER_HEADER }

/**
 * Refuses an API call (409 `session_changed`) from a page that shows another user than the one
 * signed in now: someone signed in as another person in another tab of the same browser, and
 * this tab, still showing the first, would act on the second's account. A Disconnect of the
 * first's connection answered 404 and was reported as done. Calls without the header (a page
 * that does not know its user yet) and `/api/session` itself pass; signed out, the route answers
 * its own 401.
 *
 * @example
 * ```ts
 * app.use('/api/*', sessionGuard(async (c) => (await session.getUser(c))?.id))
 * ```
 */
export function sessionGuard(
  getUserId: (c: Context) => Promise<string | undefined>,
): MiddlewareHandler {
  return async (c, next) => {
    const shown = c.req.header(SESSION_USER_HEADER)
    if (shown === undefined || c.req.path === '/api/session') return next()
    const userId = await getUserId(c)
    let shownId: string
    try {
      shownId = decodeURIComponent(shown)
    } catch {
      shownId = shown
    }
    if (userId === undefined || userId === shownId) return next()
    return jsonError(
      c,
      409,
      'session_changed',
      'Someone else is signed in now (in another tab of this browser): nothing was changed.',
    )
  }
}
