import {
  PelmAuthError,
  PelmBadRequestError,
  type PelmError,
  PelmInvalidResponseError,
  PelmUnavailableError,
} from '../errors'
import { isRecord } from './shape'

/** Codes with which Pelm refuses the request itself, not the client id/secret, on 401/403. */
const REQUEST_REFUSALS = new Set([
  'token_invalid',
  'permission_denied',
  'parameter_invalid',
  'parameter_missing',
])

/** Pelm's error body: `{ error_code, error_message }`, some answers use `message`. */
function readErrorBody(body: unknown): { code?: string; message?: string } {
  if (!isRecord(body)) return {}
  const code = typeof body.error_code === 'string' ? body.error_code : undefined
  const text = body.error_message ?? body.message
  return { code, message: typeof text === 'string' ? text : undefined }
}

/** Turns a non-2xx answer into the error of its failure mode. */
export function errorFromResponse(status: number, body: unknown, operation: string): PelmError {
  const { code, message } = readErrorBody(body)
  const options = { status, upstreamCode: code, upstreamMessage: message }
  const described = `${status}${code ? ` ${code}` : ''}`
  if (status === 401 || status === 403) {
    if (code === undefined || !REQUEST_REFUSALS.has(code)) {
      return new PelmAuthError(
        `Pelm rejected the client id or secret on ${operation} (${described}).`,
        options,
      )
    }
    return new PelmBadRequestError(`Pelm refused ${operation} (${described}).`, options)
  }
  if (status === 402 || status === 429 || status >= 500) {
    return new PelmUnavailableError(`Pelm could not serve ${operation} (${described}).`, options)
  }
  if (status >= 400) {
    return new PelmBadRequestError(`Pelm refused ${operation} (${described}).`, options)
  }
  return new PelmInvalidResponseError(
    `Pelm answered ${operation} with unexpected status ${status}.`,
    options,
  )
}
