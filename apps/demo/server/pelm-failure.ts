import {
  ConnectionStoreError,
  PelmAuthError,
  PelmBadRequestError,
  PelmError,
  PelmTimeoutError,
  PelmUnavailableError,
} from '@acme/pelm-server'
import type { Context } from 'hono'
import type { ContentfulStatusCode } from 'hono/utils/http-status'
import { type DemoErrorCode, jsonError } from './json-error'

/** Seconds the browser should wait before asking again while Pelm loads a new connection's data. */
export const DATA_RETRY_AFTER_S = 2

/** A failed Pelm data call, in the words the React app shows. */
export interface PelmFailure {
  status: ContentfulStatusCode
  code: DemoErrorCode
  message: string
}

/**
 * What a failed Pelm data call (or an unreadable stored connection) means for the person; `undefined`
 * for anything else, which the app's error handler answers as 500.
 */
export function pelmFailure(error: unknown): PelmFailure | undefined {
  if (error instanceof ConnectionStoreError) {
    return {
      status: 409,
      code: 'reconnect_required',
      message:
        'This saved connection can no longer be read (was the encryption key changed?). Connect the utility again.',
    }
  }
  if (!(error instanceof PelmError)) return undefined
  if (error instanceof PelmUnavailableError && error.upstreamCode === 'data_unavailable') {
    return {
      status: 503,
      code: 'data_loading',
      message:
        'Pelm is still gathering the data of this new connection. It usually takes a few seconds.',
    }
  }
  if (
    error instanceof PelmBadRequestError &&
    (error.upstreamCode === 'token_invalid' || error.status === 404)
  ) {
    return {
      status: 409,
      code: 'reconnect_required',
      message: 'Pelm no longer accepts this connection. Connect the utility again.',
    }
  }
  if (error instanceof PelmAuthError) {
    return {
      status: 500,
      code: 'misconfigured',
      message:
        'Pelm refused this server’s credentials. The operator should check PELM_CLIENT_ID and PELM_SECRET.',
    }
  }
  if (error instanceof PelmTimeoutError) {
    return {
      status: 504,
      code: 'upstream_timeout',
      message: 'Pelm took too long to answer. Try again.',
    }
  }
  return {
    status: 502,
    code: 'upstream_error',
    message: 'Pelm could not be reached. Try again in a moment.',
  }
}

/**
 * Answers a failed Pelm call as `{ error: { code, message } }` (with `Retry-After` while the data
 * loads); rethrows anything that is not a Pelm failure.
 */
export function pelmFailureResponse(c: Context, error: unknown): Response {
  const failure = pelmFailure(error)
  if (!failure) throw error
  if (failure.code === 'data_loading') c.header('Retry-After', String(DATA_RETRY_AFTER_S))
  return jsonError(c, failure.status, failure.code, failure.message)
}
