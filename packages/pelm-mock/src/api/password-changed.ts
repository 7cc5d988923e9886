import type { SandboxContext } from '../sandbox/context'
import { apiFactory } from './api-env'
import { userNotFound } from './api-error'

/**
 * `POST /sandbox/users/:user_id/password-changed` (sandbox only, not a Pelm route): simulates a
 * password change at the User's utility. Needs the Pelm headers, no access token. Answers 200
 * `{ id, credentials_valid: false }`, or 404 `not_found` for a `user_id` no connected User has.
 */
export function passwordChangedHandlers(context: Pick<SandboxContext, 'store'>) {
  return apiFactory.createHandlers((c) => {
    const userId = c.req.param('user_id')
    if (userId === undefined || !context.store.invalidateCredentials(userId)) {
      throw userNotFound(userId)
    }
    return c.json({ id: userId, credentials_valid: false })
  })
}
