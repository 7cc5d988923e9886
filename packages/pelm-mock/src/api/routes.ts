import { Hono } from 'hono'
import { HTTPException } from 'hono/http-exception'
import type { SandboxContext } from '../sandbox/context'
import { pelmError } from '../sandbox/errors'
import { accessToken } from './access-token'
import { accountsHandlers } from './accounts'
import type { ApiEnv } from './api-env'
import { PelmApiError } from './api-error'
import { billsHandlers } from './bills'
import { connectTokenHandlers } from './connect-token'
import { intervalsHandlers } from './intervals'
import { passwordChangedHandlers } from './password-changed'
import { pelmCredentials } from './pelm-credentials'
import { tokenHandlers } from './token'
import { deleteUserHandlers, getUserHandlers } from './users'

/**
 * The Pelm API: `POST /auth/connect-token` (also `/auth/connect_token`), `POST /auth/token`,
 * `GET` and `DELETE /users/:user_id`, `GET /accounts`, `GET /bills`, `GET /intervals`, plus the
 * sandbox's own `POST /sandbox/users/:user_id/password-changed`. Every refusal uses Pelm's error
 * body.
 */
export function apiRoutes(context: SandboxContext): Hono<ApiEnv> {
  const app = new Hono<ApiEnv>()
  const credentials = pelmCredentials(context)
  const user = accessToken(context)
  const owner = accessToken(context, { userRoute: true })

  app.on(
    'POST',
    ['/auth/connect-token', '/auth/connect_token'],
    credentials,
    ...connectTokenHandlers(context),
  )
  app.post('/auth/token', credentials, ...tokenHandlers(context))
  app.get('/users/:user_id', credentials, owner, ...getUserHandlers(context))
  app.delete('/users/:user_id', credentials, owner, ...deleteUserHandlers(context))
  app.post(
    '/sandbox/users/:user_id/password-changed',
    credentials,
    ...passwordChangedHandlers(context),
  )
  app.get('/accounts', credentials, user, ...accountsHandlers(context))
  app.get('/bills', credentials, user, ...billsHandlers(context))
  app.get('/intervals', credentials, user, ...intervalsHandlers(context))

  app.onError((error, c) => {
    if (error instanceof PelmApiError) return pelmError(c, error.status, error.code, error.message)
    // Hono's own refusals: the bearer check's prepared answer, or a body it could not parse.
    if (error instanceof HTTPException) {
      return error.res ? error.getResponse() : pelmError(c, 400, 'parameter_invalid', error.message)
    }
    throw error
  })
  return app
}
