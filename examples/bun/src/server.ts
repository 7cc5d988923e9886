import { memoryConnectionStore } from '@acme/pelm-server'
import { pelmRoutes } from '@acme/pelm-server/hono'
import { Hono } from 'hono'

const env = Bun.env
const cookieSecret = env.COOKIE_SECRET
if (!cookieSecret) throw new Error('Set COOKIE_SECRET (see examples/bun/README.md).')
const apiUrl = env.PELM_API_URL ?? 'http://127.0.0.1:4010'

const app = new Hono()
app.route(
  '/api/pelm',
  pelmRoutes({
    clientId: env.PELM_CLIENT_ID ?? 'sandbox_client_id',
    secret: env.PELM_SECRET ?? 'sandbox_secret',
    apiUrl,
    connectUrl: env.PELM_CONNECT_URL ?? `${apiUrl}/connect`,
    redirectUri: env.REDIRECT_URI ?? 'http://localhost:5173/pelm/callback',
    cookieSecret,
    // DEMO ONLY: the user is whoever the `x-demo-user` header names, so the example runs without
    // a login. A real app takes the id from its own session (a verified cookie or token).
    getUserId: (c) => c.req.header('x-demo-user'),
    // One process, memory only: use a shared store (Redis, a database) with several instances.
    connectionStore: memoryConnectionStore(),
  }),
)

const server = Bun.serve({
  hostname: env.HOST ?? '127.0.0.1',
  port: Number(env.PORT ?? 3000),
  fetch: app.fetch,
})
console.log(`pelm example (bun) listening on ${server.url.origin}`)
