import type { Context } from 'hono'
import { deleteCookie, getCookie, setCookie } from 'hono/cookie'
import type { CookieOptions } from 'hono/utils/cookie'
import { STATE_MAX_AGE_MS } from '../state'
import type { PelmRuntime } from './runtime'

/** The directory of the request path: `/api/pelm/connect-token` → `/api/pelm`. */
function mountPath(c: Context): string {
  const path = c.req.path
  return path.slice(0, path.lastIndexOf('/')) || '/'
}

function attributes(c: Context, runtime: PelmRuntime): CookieOptions {
  const https = new URL(c.req.url).protocol === 'https:' || runtime.redirectUri.startsWith('https:')
  return {
    httpOnly: true,
    sameSite: 'Lax',
    secure: runtime.cookie.secure ?? https,
    path: runtime.cookie.path ?? mountPath(c),
  }
}

/**
 * Sets the state cookie: HttpOnly (scripts cannot read it), SameSite=Lax, Secure on https, Path
 * limited to the mount, Max-Age 30 minutes. Its value is already signed by the state signer.
 */
export function setStateCookie(c: Context, runtime: PelmRuntime, value: string): void {
  setCookie(c, runtime.cookie.name, value, {
    ...attributes(c, runtime),
    maxAge: STATE_MAX_AGE_MS / 1000,
  })
}

export function readStateCookie(c: Context, runtime: PelmRuntime): string | undefined {
  return getCookie(c, runtime.cookie.name) || undefined
}

/** Expires the state cookie: a state is used at most once, whatever the outcome. */
export function clearStateCookie(c: Context, runtime: PelmRuntime): void {
  deleteCookie(c, runtime.cookie.name, attributes(c, runtime))
}
