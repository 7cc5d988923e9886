import { pelmRoutes } from '@acme/pelm-server/hono'
import { serve } from '@hono/node-server'
import { Hono } from 'hono'
import { readConfig } from './config'
import { eventMetrics } from './metrics'
import { createStores } from './stores'

const config = readConfig(process.env)
const stores = await createStores(config)
const metrics = eventMetrics()

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
    rateLimiter: stores.rateLimiter,
    // Per app user; RATE_LIMIT_CONNECT_TOKEN / RATE_LIMIT_EXCHANGE (default DEFAULT_RATE_LIMITS).
    rateLimits: config.rateLimits,
    onEvent: (event) => metrics.record(event),
  }),
)
// Prometheus scrapes this. It holds counts only, no user ids; still, serve it on an internal
// port or behind your auth in production.
app.get('/metrics', (c) =>
  c.text(metrics.render(), 200, { 'content-type': 'text/plain; version=0.0.4; charset=utf-8' }),
)

const server = serve({ fetch: app.fetch, hostname: config.hostname, port: config.port }, (info) =>
  console.log(`pelm example (node-postgres) listening on http://${info.address}:${info.port}`),
)

for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => server.close(() => void stores.close()))
}
