import type { Context } from 'hono'
import { HTTPException } from 'hono/http-exception'
import { PelmError } from '../../errors'
import { describeError, type Log } from '../logger'
import { jsonError, PelmHttpError } from './json-error'

/** Turns anything a handler threw into the JSON error answer, and logs it. */
export function renderError(c: Context, thrown: unknown, log: Log): Response {
  const error = toHttpError(thrown)
  const where = {
    method: c.req.method,
    path: c.req.path,
    status: error.status,
    errorCode: error.code,
  }
  if (error.code === 'internal_error') {
    log({ level: 'error', event: 'internal_error', ...where, error: describeError(thrown) })
  } else {
    const cause = error.cause instanceof PelmError ? error.cause : undefined
    log({
      level: error.status >= 500 ? 'error' : 'warn',
      event: 'request.rejected',
      ...where,
      ...(cause && {
        upstreamCode: cause.upstreamCode,
        upstreamStatus: cause.status,
        error: describeError(cause),
      }),
    })
  }
  return jsonError(c, error)
}

function toHttpError(thrown: unknown): PelmHttpError {
  if (thrown instanceof PelmHttpError) return thrown
  // Hono's JSON validator throws 400 on a body that does not parse.
  if (thrown instanceof HTTPException && thrown.status === 400) {
    return new PelmHttpError('invalid_body', 'The request body is not valid JSON.')
  }
  return new PelmHttpError('internal_error', 'Something went wrong on the server.')
}
