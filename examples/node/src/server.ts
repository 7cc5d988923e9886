import { pelmRoutes } from '@acme/pelm-server/hono'
import { serve } from '@hono/node-server'
import { Hono } from 'hono'
import { readConfig } from './config'
import { createStores } from './stores'

const config = readConfig(process.env)
const stores = createStores(config.redis)

const app = new Hono()
app.route(
  '/api/pelm',
  pelmRoutes({
    clientId: config.clientId,
    secret: config.secret,
    apiUrl: config.apiUrl,
    connectUrl: config.connectUrl,
    redirectUri: config.redirectUri,
    cookieSecret: config.cookieSecret,
    // DEMO ONLY: the user is whoever the `x-demo-user` header names, so the example runs without
    // a login. A real app takes the id from its own session (a verified cookie or token).
    getUserId: (c) => c.req.header('x-demo-user'),
    connectionStore: stores.connectionStore,
    replayStore: stores.replayStore,
  }),
)

const server = serve({ fetch: app.fetch, hostname: config.hostname, port: config.port }, (info) =>
  console.log(`pelm example (node) listening on http://${info.address}:${info.port}`),
)

for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => server.close(() => void stores.close()))
}
