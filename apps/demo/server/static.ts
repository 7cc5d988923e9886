import { join } from 'node:path'
import { serveStatic } from '@hono/node-server/serve-static'
import { Hono } from 'hono'
import { secureHeaders } from 'hono/secure-headers'

const headers = (crossOriginOpenerPolicy: 'same-origin-allow-popups' | false) =>
  secureHeaders({
    strictTransportSecurity: false,
    crossOriginOpenerPolicy,
    contentSecurityPolicy: {
      defaultSrc: ["'self'"],
      imgSrc: ["'self'", 'data:'],
      objectSrc: ["'none'"],
      baseUri: ["'self'"],
      formAction: ["'self'"],
      frameAncestors: ["'none'"],
    },
  })

/**
 * The built React app: hashed assets cached for a year, and `index.html` for every other page path
 * (the app routes on the client). Only `GET`/`HEAD` reach it.
 *
 * Popup mode needs the window link to survive: pages may open popups
 * (`same-origin-allow-popups`), and the callback page, which Pelm's pages navigate the popup to,
 * sends no opener policy (any other value would cut it off from the window that opened it).
 */
export function clientApp(clientDir: string): Hono {
  const app = new Hono()
  app.use('/pelm/callback', headers(false))
  app.use('*', (c, next) =>
    c.req.path === '/pelm/callback' ? next() : headers('same-origin-allow-popups')(c, next),
  )
  app.use('/assets/*', async (c, next) => {
    await next()
    if (c.res.ok) c.header('Cache-Control', 'public, max-age=31536000, immutable')
  })
  app.use(serveStatic({ root: clientDir }))
  app.get('*', async (c, next) => {
    await next()
    c.header('Cache-Control', 'no-cache')
  })
  app.get('*', serveStatic({ path: join(clientDir, 'index.html') }))
  return app
}
