import type { Context } from 'hono'
import { setCookie } from 'hono/cookie'
import { isBrowserBinding, newBrowserBinding, STATE_MAX_AGE_MS } from '../state'
import type { RedirectRuntime, StateRuntime } from './runtime'

/** At most this many binding cookies of one request are tried (each costs an HMAC). */
const MAX_BINDINGS = 8

/**
 * The directory of the request path as the browser sent it: `/api/pelm/connect-token` →
 * `/api/pelm`. Percent-encoded, not decoded as `c.req.path` is: a browser matches a cookie's
 * `Path` against the path it sends (`/t/my%20org/pelm`, never `/t/my org/pelm`). A `;` cannot be
 * in a cookie path: the path then stops at the directory before it, which still matches.
 */
function mountPath(c: Context): string {
  const path = new URL(c.req.url).pathname
  const semicolon = path.indexOf(';')
  const end = semicolon === -1 ? path.lastIndexOf('/') : path.lastIndexOf('/', semicolon) + 1
  return path.slice(0, end) || '/'
}

/**
 * The well-formed browser bindings the request carries, in the order sent (at most 8, no
 * repeats). A browser sends every cookie of that name whose domain and path match: its own, and
 * any a sibling subdomain tossed in for the parent domain, listed first when its `Path` is longer
 * (RFC 6265 §5.4). `getCookie` would keep only the first, so a tossed cookie on
 * `/api/pelm/exchange` would hide the browser's own on every exchange.
 */
export function readBindings(c: Context, runtime: StateRuntime): string[] {
  const name = runtime.cookie.name
  const header = c.req.header('cookie')
  const bindings: string[] = []
  if (!header?.includes(name)) return bindings
  for (const pair of header.split(';')) {
    const equals = pair.indexOf('=')
    if (equals === -1 || pair.slice(0, equals).trim() !== name) continue
    const raw = pair.slice(equals + 1).trim()
    const value =
      raw.length > 1 && raw.startsWith('"') && raw.endsWith('"') ? raw.slice(1, -1) : raw
    if (isBrowserBinding(value) && !bindings.includes(value)) {
      bindings.push(value)
      if (bindings.length === MAX_BINDINGS) break
    }
  }
  return bindings
}

/**
 * The browser's binding (the first well-formed one it sends), minted when it has none, and
 * (re)set as an HttpOnly, SameSite=Lax cookie limited to the mount path, Secure on https. Its
 * lifetime slides: each new state extends it to that state's lifetime, so every state issued to
 * this browser outlives neither the cookie nor its own expiry.
 */
export function bindBrowser(c: Context, runtime: StateRuntime & RedirectRuntime): string {
  const binding = readBindings(c, runtime)[0] ?? newBrowserBinding()
  // A serialized request URL has a lower-case scheme.
  const https = runtime.redirectIsHttps || c.req.url.startsWith('https:')
  setCookie(c, runtime.cookie.name, binding, {
    httpOnly: true,
    sameSite: 'Lax',
    secure: runtime.cookie.secure ?? https,
    path: runtime.cookie.path ?? mountPath(c),
    maxAge: STATE_MAX_AGE_MS / 1000,
  })
  return binding
}
