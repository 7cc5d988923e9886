import type { Context, MiddlewareHandler } from 'hono'
import { PelmHttpError } from '../errors/json-error'
import type { BaseRuntime } from '../runtime'

const userIds = new WeakMap<Context, string>()

/**
 * Calls `getUserId(c)`; no user (`undefined`, `null`, `''`) → 401 `unauthenticated`. The id comes
 * from the app's session, never from the request. An `HTTPException` it throws answers with its
 * own status (see `toHttpError`).
 */
export function requireUser(runtime: BaseRuntime): MiddlewareHandler {
  return async (c, next) => {
    const userId: unknown = await runtime.getUserId(c)
    if (userId === undefined || userId === null || userId === '') {
      throw new PelmHttpError('unauthenticated', 'Sign in to connect a utility account.')
    }
    if (typeof userId !== 'string') {
      throw new TypeError(
        `getUserId must return a string, null or undefined (got ${typeof userId}).`,
      )
    }
    userIds.set(c, userId)
    await next()
  }
}

/** The user id {@link requireUser} established, if it ran and found one. */
export const signedInUserOf = (c: Context): string | undefined => userIds.get(c)

/** The user id {@link requireUser} established for this request. */
export function userIdOf(c: Context): string {
  const userId = userIds.get(c)
  if (userId === undefined) throw new Error('requireUser must run before this handler.')
  return userId
}
