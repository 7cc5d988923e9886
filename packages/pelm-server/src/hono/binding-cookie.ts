import type { Context } from 'hono'
import { getCookie, setCookie } from 'hono/cookie'
import { isBrowserBinding, newBrowserBinding, STATE_MAX_AGE_MS } from '../state'
import type { RedirectRuntime, StateRuntime } from './runtime'

/** The directory of the request path: `/api/pelm/connect-token` → `/api/pelm`. */
function mountPath(c: Context): string {
  const path = c.req.path
  return path.slice(0, path.lastIndexOf('/')) || '/'
}

/** The browser binding the request carries, when it is a well-formed one. */
export function readBinding(c: Context, runtime: StateRuntime): string | undefined {
  const value = getCookie(c, runtime.cookie.name)
  return isBrowserBinding(value) ? value : undefined
}

/**
 * The browser's binding, minted when it has none, and (re)set as an HttpOnly, SameSite=Lax
 * cookie limited to the mount path, Secure on https. Its lifetime slides: each new state extends
 * it to that state's lifetime, so every state issued to this browser outlives neither the cookie
 * nor its own expiry.
 */
export function bindBrowser(c: Context, runtime: StateRuntime & RedirectRuntime): string {
  const binding = readBinding(c, runtime) ?? newBrowserBinding()
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
