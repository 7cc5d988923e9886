import type { Context } from 'hono'
import type { ContentfulStatusCode } from 'hono/utils/http-status'

/** The error codes Pelm documents, plus `not_found` for a route the sandbox does not have. */
export type PelmErrorCode =
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

/** Pelm's error body. */
export interface PelmErrorBody {
  error_code: PelmErrorCode
  error_message: string
}

/** Answers with Pelm's error shape `{ error_code, error_message }`. */
export function pelmError(
  c: Context,
  status: ContentfulStatusCode,
  code: PelmErrorCode,
  message: string,
): Response {
  return c.json({ error_code: code, error_message: message } satisfies PelmErrorBody, status)
}
