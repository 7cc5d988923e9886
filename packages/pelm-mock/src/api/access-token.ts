import type { Context } from 'hono'
import { bearerAuth } from 'hono/bearer-auth'
import type { SandboxContext } from '../sandbox/context'
import { pelmError } from '../sandbox/errors'
import type { ApiEnv } from './api-env'

const refuse = (message: string) => ({
  message: (c: Context) => pelmError(c, 401, 'token_invalid', message),
})

/**
 * Requires `Authorization: Bearer <access token>` naming a connected Pelm User, and sets it as
 * `c.var.pelmUser`. A missing, malformed or unknown token answers 401 `token_invalid`.
 */
export function accessToken(context: Pick<SandboxContext, 'store'>) {
  return bearerAuth<ApiEnv>({
    verifyToken: (token, c) => {
      const user = context.store.findByAccessToken(token)
      if (user) c.set('pelmUser', user)
      return user !== undefined
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
