import type { Context } from 'hono'
import type { ContentfulStatusCode } from 'hono/utils/http-status'

/** The demo's error codes, beside the ones `pelmRoutes` answers under `/api/pelm`. */
export type DemoErrorCode =
  | 'invalid_name'
  | 'invalid_body'
  | 'unauthenticated'
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
