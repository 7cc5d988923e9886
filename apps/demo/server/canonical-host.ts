import type { MiddlewareHandler } from 'hono'

/** The host name of a `Host` header (`Localhost:3000` → `localhost`, `[::1]:80` → `[::1]`). */
function hostnameOf(host: string): string {
  try {
    return new URL(`http://${host}`).hostname
  } catch {
    return host.toLowerCase()
  }
}

/**
 * Where to send a page request that reached the server under another host name than the public
 * URL's (`127.0.0.1` when it printed `localhost`, or the reverse), or `undefined` when it is
 * already there. The host the browser used is `X-Forwarded-Host` behind a proxy, else `Host`.
 * Only the configured public URL is ever a target: the path and query are kept, nothing else.
 *
 * Host names only, not ports: cookies belong to a host name whatever the port, and proxies often
 * forward the host without its port (nginx's `$host`), which would redirect every page to itself.
 */
export function canonicalLocation(
  url: string,
  headers: Headers,
  publicUrl: string,
): string | undefined {
  const expected = new URL(publicUrl)
  const used = headers.get('x-forwarded-host')?.split(',')[0]?.trim() || headers.get('host')
  if (!used || hostnameOf(used) === expected.hostname) return undefined
  const { pathname, search } = new URL(url)
  return `${expected.origin}${pathname}${search}`
}

/**
 * Redirects `GET`/`HEAD` page requests (not `/api/*`) made on another host name to the public URL before anything
 * else runs. Cookies belong to a host name: a person who signed in on `127.0.0.1` and comes back
 * from Connect to `localhost` (the registered redirect URI) would arrive signed out. A 302, not a
 * 301: a permanent redirect would outlive a change of `PUBLIC_URL` in the browser's cache.
 *
 * @example
 * ```ts
 * app.use(canonicalHost('http://localhost:3000'))
 * ```
 */
export function canonicalHost(publicUrl: string): MiddlewareHandler {
  return async (c, next) => {
    // Pages only: the app's own API calls come from a page that is already on the right host.
    if (c.req.method !== 'GET' && c.req.method !== 'HEAD') return next()
    if (c.req.path.startsWith('/api/')) return next()
    const location = canonicalLocation(c.req.url, c.req.raw.headers, publicUrl)
    if (location === undefined) return next()
    c.header('Cache-Control', 'no-store')
    return c.redirect(location, 302)
  }
}
