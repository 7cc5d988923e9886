// Start-up: the same server with @acme/pelm-server's routes mounted, built from its dist.
import { pathToFileURL } from 'node:url'

const started = performance.now()
const [server, hono] = process.argv.slice(2).map((path) => pathToFileURL(path).href)
const { Hono } = await import('hono')
const { serve } = await import('@hono/node-server')
const { memoryConnectionStore } = await import(server)
const { pelmRoutes } = await import(hono)
const app = new Hono()
app.get('/', (c) => c.text('ok'))
app.route(
  '/api/pelm',
  pelmRoutes({
    clientId: 'bench',
    secret: 'bench',
    redirectUri: 'http://127.0.0.1/pelm/callback',
    cookieSecret: 'bench-cookie-secret-0123456789abcdef0123456789',
    getUserId: (c) => c.req.header('x-user-id'),
    connectionStore: memoryConnectionStore(),
  }),
)
const imported = performance.now() - started
serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' }, () => {
  console.log(`BENCH_READY ${JSON.stringify({ imported })}`)
})
