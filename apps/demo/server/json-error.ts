import type { Context } from 'hono'
import type { HTTPException } from 'hono/http-exception'
import type { ContentfulStatusCode } from 'hono/utils/http-status'

/** The demo's error codes, beside the ones `pelmRoutes` answers under `/api/pelm`. */
export type DemoErrorCode =
  | 'invalid_name'
  | 'bad_request'
  | 'invalid_body'
  | 'unauthenticated'
  | 'session_changed'
  | 'forbidden'
  | 'payload_too_large'
  | 'unsupported_media_type'
  | 'rate_limited'
  | 'data_loading'
  | 'reconnect_required'
  | 'misconfigured'
  | 'upstream_error'
  | 'upstream_timeout'
  | 'not_found'
  | 'connection_not_found'
  | 'account_not_found'
  | 'internal_error'

/**
 * The same error body `pelmRoutes` answers, `{ error: { code, message } }`, so the React app reads
 * every failure one way.
 */
export function jsonError(
  c: Context,
  status: ContentfulStatusCode,
  code: DemoErrorCode,
  message: string,
): Response {
  c.header('Cache-Control', 'no-store')
  return c.json({ error: { code, message } }, status)
}

/**
 * The code of a 4xx `HTTPException` a middleware threw, by its status: the demo's 400s come from
 * a body validator (malformed JSON), its 403s from `hono/csrf`. The names are `pelmRoutes`' own.
 */
const CODE_OF_STATUS: Partial<Record<ContentfulStatusCode, DemoErrorCode>> = {
  400: 'invalid_body',
  401: 'unauthenticated',
  403: 'forbidden',
  404: 'not_found',
  413: 'payload_too_large',
  415: 'unsupported_media_type',
  429: 'rate_limited',
}

/**
 * A 4xx `HTTPException` as the demo's error body, with its own status and a code that fits it
 * (`bad_request` for a status without its own).
 *
 * @example
 * ```ts
 * app.onError((error, c) =>
 *   error instanceof HTTPException && error.status < 500 ? httpExceptionError(c, error) : …,
 * )
 * ```
 */
export function httpExceptionError(c: Context, error: HTTPException): Response {
  const { status } = error
  const message = error.message || `The request was refused (${status}).`
  return jsonError(c, status, CODE_OF_STATUS[status] ?? 'bad_request', message)
}
