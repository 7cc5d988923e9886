// Start-up baseline: a bare Hono app with one route, served by @hono/node-server.
const started = performance.now()
const { Hono } = await import('hono')
const { serve } = await import('@hono/node-server')
const app = new Hono()
app.get('/', (c) => c.text('ok'))
const imported = performance.now() - started
serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' }, () => {
  console.log(`BENCH_READY ${JSON.stringify({ imported })}`)
})
