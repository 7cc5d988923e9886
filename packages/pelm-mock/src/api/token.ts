import type { SandboxContext } from '../sandbox/context'
import { CODE_TTL_MS, type CodeRejection } from '../sandbox/store'
import { apiFactory } from './api-env'
import { parameterInvalid } from './api-error'
import { formBody } from './form-body'

const rejections: Record<CodeRejection, string> = {
  unknown: 'The code is unknown.',
  expired: `The code expired; codes are valid for ${CODE_TTL_MS / 60_000} minutes.`,
  used: 'The code was already used; a code can be exchanged once.',
}

function refreshToken(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(32))
  return Array.from(bytes, (byte) => byte.toString(16).padStart(2, '0')).join('')
}

/**
 * `POST /auth/token`: exchanges a code (`grant_type=code`) for an access token, once. Answers the
 * access token plus Pelm's legacy fields (`access_token_expires_in`, `refresh_token`, …).
 */
export function tokenHandlers(context: Pick<SandboxContext, 'store'>) {
  return apiFactory.createHandlers(
    formBody((fields) => {
      const grantType = fields.required('grant_type')
      if (grantType !== 'code') {
        throw parameterInvalid(`grant_type must be "code", not "${grantType}".`)
      }
      return { code: fields.required('code') }
    }),
    (c) => {
      const result = context.store.redeemCode(c.req.valid('form').code)
      if (!result.ok) throw parameterInvalid(rejections[result.reason])
      return c.json(
        {
          access_token: result.accessToken,
          access_token_expires_in: 3600,
          refresh_token: refreshToken(),
          refresh_token_expires_in: 1_314_000,
        },
        200,
        { 'Cache-Control': 'no-store' },
      )
    },
  )
}
