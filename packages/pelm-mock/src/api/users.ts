import type { Context } from 'hono'
import type { SandboxContext } from '../sandbox/context'
import type { SandboxStore } from '../sandbox/store'
import type { PelmUserRecord } from '../sandbox/users'
import { type ApiEnv, apiFactory } from './api-env'
import { permissionDenied, userNotFound } from './api-error'
import { type PelmApiDeletedUser, userBody } from './user-body'

/**
 * The User `/users/:user_id` names, when the access token is its own. Another connected User
 * answers 403 `permission_denied`; a `user_id` no connected User has answers 404 `not_found`.
 */
function requestedUser(store: SandboxStore, c: Context<ApiEnv>): PelmUserRecord {
  const userId = c.req.param('user_id')
  const own = c.var.pelmUser
  if (own.userId === userId) return own
  if (userId !== undefined && store.users.has(userId)) {
    throw permissionDenied(
      `The access token does not belong to the user ${JSON.stringify(userId)}.`,
    )
  }
  throw userNotFound(userId)
}

/** `GET /users/:user_id`: `{ id, utility: { id, full_name }, utility_username, credentials_valid }`. */
export function getUserHandlers(context: Pick<SandboxContext, 'store'>) {
  return apiFactory.createHandlers((c) => c.json(userBody(requestedUser(context.store, c))))
}

/**
 * `DELETE /users/:user_id`: deletes the User. Answers 200 `{ id, deleted: true }`; from then on
 * its access tokens are refused and its `user_id` starts a new User in create mode.
 */
export function deleteUserHandlers(context: Pick<SandboxContext, 'store'>) {
  return apiFactory.createHandlers((c) => {
    const { userId } = requestedUser(context.store, c)
    context.store.deleteUser(userId)
    return c.json({ id: userId, deleted: true } satisfies PelmApiDeletedUser)
  })
}
