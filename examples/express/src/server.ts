import { memoryConnectionStore } from '@acme/pelm-server'
import { pelmRoutes } from '@acme/pelm-server/hono'
import { getRequestListener } from '@hono/node-server'
import express from 'express'
import { Hono } from 'hono'

const env = process.env
const cookieSecret = env.COOKIE_SECRET
if (!cookieSecret) throw new Error('Set COOKIE_SECRET (see examples/express/README.md).')
const apiUrl = env.PELM_API_URL ?? 'http://127.0.0.1:4010'

const pelm = new Hono().route(
  '/api/pelm',
  pelmRoutes({
    clientId: env.PELM_CLIENT_ID ?? 'sandbox_client_id',
    secret: env.PELM_SECRET ?? 'sandbox_secret',
    apiUrl,
    connectUrl: env.PELM_CONNECT_URL ?? `${apiUrl}/connect`,
    redirectUri: env.REDIRECT_URI ?? 'http://localhost:5173/pelm/callback',
    cookieSecret,
    // DEMO ONLY: the user is whoever the `x-demo-user` header names, so the example runs without
    // a login. A real app takes the id from its own session: `c.env.incoming` is Express's `req`
    // (type the app `new Hono<{ Bindings: HttpBindings }>()`), e.g. `c.env.incoming.session?.userId`.
    getUserId: (c) => c.req.header('x-demo-user'),
    // One process, memory only: use a shared store (Redis, a database) with several instances.
    connectionStore: memoryConnectionStore(),
  }),
)

const app = express()
// A route, not `app.use('/api/pelm', …)`: `use` strips the mount path from `req.url`, and the
// Hono app routes on the full path. Register it before any body parser: Hono reads the raw body.
app.all('/api/pelm/*path', getRequestListener(pelm.fetch))
app.get('/', (_req, res) => {
  res.type('text').send('The Pelm routes are under /api/pelm.')
})

const server = app.listen(Number(env.PORT ?? 3000), env.HOST ?? '127.0.0.1', () => {
  const address = server.address()
  if (address && typeof address === 'object') {
    console.log(`pelm example (express) listening on http://${address.address}:${address.port}`)
  }
})
