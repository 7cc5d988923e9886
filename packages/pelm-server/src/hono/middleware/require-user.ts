import type { Context } from 'hono'
import { PelmHttpError } from '../errors/json-error'
import type { BaseRuntime } from '../runtime'

/**
 * Calls `getUserId(c)` and answers the signed-in user's id; no user (`undefined`, `null`, `''`)
 * → 401 `unauthenticated`. The id comes from the app's session, never from the request. An
 * `HTTPException` it throws answers with its own status (see `toHttpError`).
 */
export async function signedInUser(c: Context, runtime: BaseRuntime): Promise<string> {
  const userId: unknown = await runtime.getUserId(c)
  if (userId === undefined || userId === null || userId === '') {
    throw new PelmHttpError('unauthenticated', 'Sign in to connect a utility account.')
  }
  if (typeof userId !== 'string') {
    throw new TypeError(`getUserId must return a string, null or undefined (got ${typeof userId}).`)
  }
  return userId
}
