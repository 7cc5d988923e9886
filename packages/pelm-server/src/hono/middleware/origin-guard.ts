import type { Context } from 'hono'
import { PelmHttpError } from '../errors/json-error'

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS'])

/**
 * Refuses cross-origin state-changing requests (403 `cross_origin_request`), whatever their
 * content type. `hono/csrf` only inspects form and text bodies, so a JSON or DELETE request would
 * pass it; this applies the same two signals to every unsafe method:
 * - `Sec-Fetch-Site: same-origin` passes (the browser vouches for it, also behind a proxy);
 * - otherwise an `Origin` must be the request's own origin or one of `allowedOrigins` (which
 *   holds `redirectUri`'s origin: behind a TLS-terminating proxy the request URL says `http:`
 *   while browsers without `Sec-Fetch-Site`, such as Safari before 16.4, send `https:`);
 * - without `Origin`, any `Sec-Fetch-Site` means a browser sent it from elsewhere: refused.
 * A request with neither header does not come from a browser, and CSRF needs a browser.
 */
export function checkOrigin(c: Context, allowedOrigins: readonly string[]): void {
  if (SAFE_METHODS.has(c.req.method)) return
  const site = c.req.header('sec-fetch-site')
  if (site === 'same-origin') return
  const origin = c.req.header('origin')
  const allowed =
    origin === undefined
      ? site === undefined
      : allowedOrigins.includes(origin) || origin === new URL(c.req.url).origin
  if (!allowed) {
    throw new PelmHttpError(
      'cross_origin_request',
      'Cross-origin requests are refused. Call this endpoint from the same origin, or add the origin to allowedOrigins.',
    )
  }
}
