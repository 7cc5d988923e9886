import { PelmError } from '../../errors'
import { PelmHttpError } from './json-error'

/** Pelm's documented codes: only these are passed on to the browser as `upstreamCode`. */
const SAFE_UPSTREAM_CODES = new Set([
  'parameter_missing',
  'parameter_invalid',
  'token_invalid',
  'credentials_invalid',
  'permission_denied',
  'quota_reached',
  'internal_error',
  'connect_max_attempted_logins',
  'mfa_required',
  'mfa_failed',
  'utility_unavailable',
  'feature_unavailable',
  'data_unavailable',
])

/** When an app that spent its Pelm quota should try again: an hour, not at once. */
const QUOTA_RETRY_AFTER_S = 3600

/** The Pelm call a route was making. */
export type UpstreamStep = 'connect_token' | 'exchange' | 'disconnect'

/**
 * Maps a client error to the route's answer: a rejected client id/secret is the operator's
 * problem (500 `misconfigured`), Pelm's quota spent is 503 `upstream_unavailable` with
 * `Retry-After` (never retried at once), a refused code on exchange is 400 `code_invalid`, a
 * utility the browser asked for that Pelm does not know is 400 `invalid_body`, a timeout is 504,
 * anything else upstream is 502. Other values are returned unchanged (→ `internal_error`).
 */
export function upstreamHttpError(
  error: unknown,
  step: UpstreamStep,
  request: { utility?: boolean } = {},
): unknown {
  if (!(error instanceof PelmError)) return error
  const upstreamCode =
    error.upstreamCode && SAFE_UPSTREAM_CODES.has(error.upstreamCode)
      ? error.upstreamCode
      : undefined
  const options = { upstreamCode, cause: error }
  if (error.upstreamCode === 'quota_reached') {
    return new PelmHttpError(
      'upstream_unavailable',
      'This app has used up its Pelm quota for now. Please try again later.',
      { ...options, retryAfter: QUOTA_RETRY_AFTER_S },
    )
  }
  switch (error.code) {
    case 'unauthorized':
      return new PelmHttpError(
        'misconfigured',
        'The server is not configured correctly to connect to Pelm: Pelm rejected its client id or secret. The site operator must fix the Pelm credentials; nothing is wrong on your side.',
        { cause: error },
      )
    case 'timeout':
      return new PelmHttpError(
        'upstream_timeout',
        'Pelm did not answer in time. Please try again.',
        options,
      )
    case 'bad_request':
      if (step === 'exchange') {
        return new PelmHttpError(
          'code_invalid',
          'Pelm did not accept the authorization code (expired or already used). Start the connection again.',
          options,
        )
      }
      // The utility is the only parameter the browser chooses: its refusal is a 4xx, not a 502.
      if (request.utility && error.upstreamCode === 'parameter_invalid') {
        return new PelmHttpError(
          'invalid_body',
          'Pelm does not know the utility asked for (utilityId or utilitySlug).',
          options,
        )
      }
      return new PelmHttpError(
        'upstream_error',
        step === 'disconnect'
          ? 'Pelm refused to delete the connection. Please try again later.'
          : 'Pelm refused to start the connection.',
        options,
      )
    default:
      return new PelmHttpError(
        'upstream_error',
        'Pelm could not complete the request. Please try again later.',
        options,
      )
  }
}
