// The app of the click-to-navigation benchmark: the page, pelmRoutes over the in-process sandbox
// with 300 ms of latency on POST /api/pelm/connect-token, and a stand-in Connect page reached
// through another host name (cross-site, like Pelm's), all on one port.
import { fileURLToPath } from 'node:url'
import { serve } from '@hono/node-server'
import { build } from 'esbuild'
import { Hono } from 'hono'
import { serveCommands } from '../lib/child.mjs'
import { sleep } from '../lib/stats.mjs'
import { benchSecrets, dist, importDist } from '../lib/workspace.mjs'

const CONNECT_HOST = 'connect.example'
const LATENCY_MS = Number(process.argv[2] ?? 300)

const { createPelmMock } = await importDist('mock')
const { memoryConnectionStore } = await importDist('server')
const { pelmRoutes } = await importDist('serverHono')

const bundle = await build({
  entryPoints: [fileURLToPath(new URL('./page.mjs', import.meta.url))],
  bundle: true,
  minify: true,
  format: 'esm',
  platform: 'browser',
  define: { 'process.env.NODE_ENV': '"production"' },
  alias: { '@acme/pelm-react': dist.react },
  write: false,
  logLevel: 'warning',
})
const script = bundle.outputFiles[0].text

// Marks taken in the page, before any of the app's code sees the click or the page is left.
const page = (variant) => `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>click-to-navigation: ${variant}</title>
<script>
addEventListener('click', () => window.__benchClick?.(performance.timeOrigin + performance.now()), true)
addEventListener('beforeunload', () => window.__benchLeave?.(performance.timeOrigin + performance.now()))
</script></head>
<body data-variant="${variant}"><div id="root"></div><script type="module" src="/page.js"></script></body></html>`

const connectPage = '<!doctype html><html lang="en"><title>Connect</title><p>Connect</p></html>'

let routes
const app = new Hono()
app.get('/page.js', (c) => c.body(script, 200, { 'content-type': 'text/javascript' }))
app.get('/ours', (c) => c.html(page('ours')))
app.get('/naive', (c) => c.html(page('naive')))
app.get('/connect', (c) => c.html(connectPage))
app.use('/api/pelm/connect-token', async (_c, next) => {
  await sleep(LATENCY_MS)
  await next()
})
app.all('/api/pelm/*', (c) => routes.fetch(c.req.raw))

const server = serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' }, ({ port }) => {
  const origin = `http://127.0.0.1:${port}`
  const mock = createPelmMock()
  routes = new Hono().route(
    '/api/pelm',
    pelmRoutes({
      clientId: mock.credentials.clientId,
      secret: mock.credentials.secret,
      apiUrl: mock.apiUrl,
      fetch: mock.fetch,
      connectUrl: `http://${CONNECT_HOST}:${port}/connect`,
      redirectUri: `${origin}/pelm/callback`,
      cookieSecret: benchSecrets.cookieSecret,
      getUserId: () => 'bench-user',
      connectionStore: memoryConnectionStore(),
      // One user makes every prefetch of the run (36 page loads), past the default 30 per 10
      // minutes: the limits are not what this measures.
      rateLimits: false,
    }),
  )
  process.send({ type: 'ready', origin, connectHost: CONNECT_HOST, latencyMs: LATENCY_MS })
})

serveCommands({})
process.on('SIGTERM', () => server.close(() => process.exit(0)))
