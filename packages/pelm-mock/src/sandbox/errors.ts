import type { Context } from 'hono'
import type { ContentfulStatusCode } from 'hono/utils/http-status'

/**
 * The error codes Pelm's API documents, plus `not_found` for a route or User the sandbox does
 * not have. (Named `PelmErrorCode` in 0.1; renamed because the server and React packages use
 * that name for other things.)
 *
 * @example
 * ```ts
 * import type { PelmApiErrorCode } from '@acme/pelm-mock'
 *
 * mock.faults.add({ route: 'GET /accounts', status: 500, errorCode: 'data_unavailable' satisfies PelmApiErrorCode })
 * ```
 */
export type PelmApiErrorCode =
  | 'parameter_missing'
  | 'parameter_invalid'
  | 'token_invalid'
  | 'credentials_invalid'
  | 'permission_denied'
  | 'quota_reached'
  | 'internal_error'
  | 'connect_max_attempted_logins'
  | 'mfa_required'
  | 'mfa_failed'
  | 'utility_unavailable'
  | 'feature_unavailable'
  | 'data_unavailable'
  | 'not_found'

/**
 * Pelm's error body, as every refusal of the sandbox's API carries it. (Named `PelmErrorBody` in
 * 0.1.)
 *
 * @example
 * ```ts
 * import type { PelmApiErrorBody } from '@acme/pelm-mock'
 *
 * const body: PelmApiErrorBody = await (await mock.fetch(`${mock.apiUrl}/accounts`)).json()
 * body.error_code // 'credentials_invalid'
 * ```
 */
export interface PelmApiErrorBody {
  error_code: PelmApiErrorCode
  error_message: string
}

/** Answers with Pelm's error shape `{ error_code, error_message }`. */
export function pelmError(
  c: Context,
  status: ContentfulStatusCode,
  code: PelmApiErrorCode,
  message: string,
): Response {
  return c.json({ error_code: code, error_message: message } satisfies PelmApiErrorBody, status)
}
