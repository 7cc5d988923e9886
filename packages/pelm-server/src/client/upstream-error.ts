import * as v from 'valibot'
import {
  PelmAuthError,
  PelmBadRequestError,
  type PelmError,
  PelmInvalidResponseError,
  PelmUnavailableError,
} from '../errors'

/** Codes with which Pelm refuses the request itself, not the client id/secret, on 401/403. */
const REQUEST_REFUSALS = new Set([
  'token_invalid',
  'permission_denied',
  'parameter_invalid',
  'parameter_missing',
])

const text = v.pipe(
  v.optional(v.unknown()),
  v.transform((value) => (typeof value === 'string' ? value : undefined)),
)
/** Pelm's error body: `{ error_code, error_message }`; some answers use `message`. */
const errorBody = v.fallback(
  v.pipe(
    v.looseObject({ error_code: text, error_message: text, message: text }),
    v.transform((body) => ({
      code: body.error_code,
      message: body.error_message ?? body.message,
    })),
  ),
  { code: undefined, message: undefined },
)

/** Turns a non-2xx answer into the error of its failure mode. */
export function errorFromResponse(status: number, body: unknown, operation: string): PelmError {
  const { code, message } = v.parse(errorBody, body)
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
