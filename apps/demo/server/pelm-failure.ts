import {
  PelmAuthError,
  PelmBadRequestError,
  PelmError,
  PelmTimeoutError,
  PelmUnavailableError,
} from '@acme/pelm-server'
import type { Context } from 'hono'
import { jsonError } from './json-error'

/** Seconds the browser should wait before asking again while Pelm loads a new connection's data. */
export const DATA_RETRY_AFTER_S = 2

/**
 * Turns a failed Pelm data call into an answer the React app can act on; rethrows anything that is
 * not a Pelm error (the app's error handler answers 500).
 */
export function pelmFailure(c: Context, error: unknown): Response {
  if (!(error instanceof PelmError)) throw error
  if (error instanceof PelmUnavailableError && error.upstreamCode === 'data_unavailable') {
    c.header('Retry-After', String(DATA_RETRY_AFTER_S))
    return jsonError(
      c,
      503,
      'data_loading',
      'Pelm is still gathering the data of this new connection. It usually takes a few seconds.',
    )
  }
  if (error instanceof PelmBadRequestError && error.upstreamCode === 'token_invalid') {
    return jsonError(
      c,
      409,
      'reconnect_required',
      'Pelm no longer accepts this connection. Connect your utility account again.',
    )
  }
  if (error instanceof PelmAuthError) {
    return jsonError(
      c,
      500,
      'misconfigured',
      'Pelm refused this server’s credentials. The operator should check PELM_CLIENT_ID and PELM_SECRET.',
    )
  }
  if (error instanceof PelmTimeoutError) {
    return jsonError(c, 504, 'upstream_timeout', 'Pelm took too long to answer. Try again.')
  }
  return jsonError(c, 502, 'upstream_error', 'Pelm could not be reached. Try again in a moment.')
}
