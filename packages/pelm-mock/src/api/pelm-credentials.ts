import { timingSafeEqual } from 'hono/utils/buffer'
import type { SandboxContext } from '../sandbox/context'
import { apiFactory } from './api-env'
import { PelmApiError } from './api-error'

/**
 * Requires the `Pelm-Client-Id` and `Pelm-Secret` headers to match the sandbox's credentials,
 * compared in constant time; otherwise answers 401 `credentials_invalid`.
 */
export function pelmCredentials(context: Pick<SandboxContext, 'clientId' | 'secret'>) {
  return apiFactory.createMiddleware(async (c, next) => {
    const clientId = c.req.header('Pelm-Client-Id')
    const secret = c.req.header('Pelm-Secret')
    if (!clientId || !secret) {
      throw new PelmApiError(
        401,
        'credentials_invalid',
        'The Pelm-Client-Id and Pelm-Secret headers are required.',
      )
    }
    const matches = await Promise.all([
      timingSafeEqual(context.clientId, clientId),
      timingSafeEqual(context.secret, secret),
    ])
    if (!matches.every(Boolean)) {
      throw new PelmApiError(401, 'credentials_invalid', 'Pelm-Client-Id or Pelm-Secret is wrong.')
    }
    await next()
  })
}
