import type { MiddlewareHandler } from 'hono'
import { csrf } from 'hono/csrf'
import { secureHeaders } from 'hono/secure-headers'

/**
 * Refuses form posts a browser sent from another site (`hono/csrf`). Our origins are the
 * request's own and the sandbox's public one (`baseUrl`): behind a TLS-terminating proxy the
 * request URL says `http:` while browsers without `Sec-Fetch-Site` (Safari before 16.4) send
 * the `https:` origin they see. Requests that carry neither `Origin` nor `Sec-Fetch-Site` come
 * from scripts and tests, not browsers, so they pass.
 */
export function sameOriginForms(publicOrigin: string): MiddlewareHandler {
  const check = csrf({
    origin: (origin, c) => origin === publicOrigin || origin === new URL(c.req.url).origin,
  })
  return (c, next) => {
    const fromBrowser =
      c.req.header('origin') !== undefined || c.req.header('sec-fetch-site') !== undefined
    return fromBrowser ? check(c, next) : next()
  }
}

/**
 * The pages load nothing but their inline styles, are never cached (they carry a session), and
 * give the app no Referer.
 */
export function pageHeaders(): MiddlewareHandler[] {
  return [
    secureHeaders({
      strictTransportSecurity: false,
      // Like Pelm's hosted pages, no opener policy: `same-origin` would cut a Connect popup off
      // from the app window that opened it, even after it navigates back to the app's origin.
      crossOriginOpenerPolicy: false,
      // Not `no-referrer`: under it a browser sends `Origin: null` with the pages' own form posts,
      // and one without Sec-Fetch-Site is then refused by the check above. `same-origin` keeps
      // the Origin on our own posts and still sends no Referer (the session URL) to the app.
      referrerPolicy: 'same-origin',
      contentSecurityPolicy: {
        defaultSrc: ["'none'"],
        styleSrc: ["'unsafe-inline'"],
        baseUri: ["'none'"],
        frameAncestors: ["'self'"],
      },
    }),
    async (c, next) => {
      await next()
      c.header('Cache-Control', 'no-store')
    },
  ]
}
