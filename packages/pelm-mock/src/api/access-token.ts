import type { Context } from 'hono'
import { bearerAuth } from 'hono/bearer-auth'
import type { SandboxContext } from '../sandbox/context'
import { pelmError } from '../sandbox/errors'
import type { ApiEnv } from './api-env'
import { userNotFound } from './api-error'

const refuse = (message: string) => ({
  message: (c: Context) => pelmError(c, 401, 'token_invalid', message),
})

/** Options of {@link accessToken}. */
export interface AccessTokenOptions {
  /**
   * On `/users/:user_id`: the token of a deleted User asking about that same User answers 404
   * `not_found` rather than 401, so a retried Delete user finds the User gone.
   */
  userRoute?: boolean
}

/**
 * Requires `Authorization: Bearer <access token>` naming a connected Pelm User, and sets it as
 * `c.var.pelmUser`. A missing, malformed or unknown token answers 401 `token_invalid`, and so
 * does the token of a deleted User (but see {@link AccessTokenOptions.userRoute}).
 */
export function accessToken(
  context: Pick<SandboxContext, 'store'>,
  options: AccessTokenOptions = {},
) {
  return bearerAuth<ApiEnv>({
    verifyToken: (token, c) => {
      const user = context.store.findByAccessToken(token)
      if (user) {
        c.set('pelmUser', user)
        return true
      }
      const formerOwner = options.userRoute ? context.store.deletedOwnerOf(token) : undefined
      if (formerOwner !== undefined && formerOwner === c.req.param('user_id')) {
        throw userNotFound(formerOwner)
      }
      return false
    },
    noAuthenticationHeader: refuse(
      'The Authorization header with a Bearer access token is required.',
    ),
    invalidAuthenticationHeader: refuse(
      'The Authorization header must be "Bearer <access token>".',
    ),
    invalidToken: refuse('The access token is unknown.'),
  })
}
