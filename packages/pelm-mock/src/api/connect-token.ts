import type { SandboxContext } from '../sandbox/context'
import { CONNECT_TOKEN_TTL_MS } from '../sandbox/store'
import { findUtility, type SandboxUtility } from '../sandbox/utilities'
import { apiFactory } from './api-env'
import { parameterInvalid } from './api-error'
import { formBody } from './form-body'
import type { TextFields } from './text-fields'

/** The utility a connect token fixes: `utility_id` or `utility_slug`, never both. */
function chosenUtility(fields: TextFields): SandboxUtility | undefined {
  const id = fields.optional('utility_id')
  const slug = fields.optional('utility_slug')
  if (id !== undefined && slug !== undefined) {
    throw parameterInvalid('Send utility_id or utility_slug, not both.')
  }
  if (id === undefined && slug === undefined) return undefined
  const utility = findUtility({ id, slug })
  if (!utility) {
    throw parameterInvalid(
      id === undefined ? `Unknown utility_slug "${slug}".` : `Unknown utility_id "${id}".`,
    )
  }
  return utility
}

/**
 * `POST /auth/connect-token` (and `/auth/connect_token`): issues a connect token for `user_id`,
 * optionally fixing the utility. Answers `{ connect_token, expires_in: 1800 }`.
 */
export function connectTokenHandlers(context: Pick<SandboxContext, 'store'>) {
  return apiFactory.createHandlers(
    formBody((fields) => ({ userId: fields.required('user_id'), utility: chosenUtility(fields) })),
    (c) => {
      const { userId, utility } = c.req.valid('form')
      const record = context.store.createConnectToken(userId, utility)
      return c.json({ connect_token: record.token, expires_in: CONNECT_TOKEN_TTL_MS / 1000 }, 200, {
        'Cache-Control': 'no-store',
      })
    },
  )
}
