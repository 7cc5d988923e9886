import type { Context } from 'hono'
import { HTTPException } from 'hono/http-exception'
import type { ContentfulStatusCode } from 'hono/utils/http-status'
import { PelmError } from '../../errors'
import { describeError, type Log } from '../logger'
import { jsonError, PelmHttpError, type PelmRouteErrorCode } from './json-error'

/** The code of an app's own `HTTPException` (from `getUserId`, a store, a middleware). */
const CODE_OF_STATUS: Partial<Record<number, PelmRouteErrorCode>> = {
  401: 'unauthenticated',
  403: 'forbidden',
  404: 'not_found',
  413: 'payload_too_large',
  415: 'unsupported_media_type',
  429: 'rate_limited',
}

/**
 * A thrown value as the route's answer: a {@link PelmHttpError} as is; an app's `HTTPException`
 * with its own 4xx status (401 → `unauthenticated`, other codes by status, `bad_request` for the
 * rest) and message; anything else, 5xx included, as 500 `internal_error`.
 */
export function toHttpError(thrown: unknown): PelmHttpError {
  if (thrown instanceof PelmHttpError) return thrown
  if (thrown instanceof HTTPException && thrown.status >= 400 && thrown.status < 500) {
    const status = thrown.status as ContentfulStatusCode
    return new PelmHttpError(
      CODE_OF_STATUS[status] ?? 'bad_request',
      thrown.message || `The request was refused (${status}).`,
      { status, cause: thrown },
    )
  }
  return new PelmHttpError('internal_error', 'Something went wrong on the server.', {
    cause: thrown,
  })
}

/** Turns anything a handler threw into the JSON error answer, and logs it. */
export function renderError(c: Context, thrown: unknown, log: Log): Response {
  const error = toHttpError(thrown)
  // What went wrong underneath: the original error, or the refusal itself.
  const cause = error.cause ?? error
  const where = {
    method: c.req.method,
    path: c.req.path,
    status: error.status,
    errorCode: error.code,
  }
  if (error.code === 'internal_error') {
    log({ level: 'error', event: 'internal_error', ...where, error: describeError(cause) })
  } else {
    const upstream = cause instanceof PelmError ? cause : undefined
    log({
      level: error.status >= 500 ? 'error' : 'warn',
      event: 'request.rejected',
      ...where,
      ...(upstream && {
        upstreamCode: upstream.upstreamCode,
        upstreamStatus: upstream.status,
        error: describeError(upstream),
      }),
    })
  }
  return jsonError(c, error)
}
