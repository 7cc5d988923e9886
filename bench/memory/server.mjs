// The process measured: pelmRoutes on @hono/node-server, calling the sandbox over HTTP with the
// platform fetch. Run with --expose-gc. Its clock can be moved forward, as an hour passing would.
import { serve } from '@hono/node-server'
import { oursApp } from '../lib/apps.mjs'
import { serveCommands } from '../lib/child.mjs'
import { sleep } from '../lib/stats.mjs'

const upstream = JSON.parse(process.argv[2])
let clockOffset = 0
// 500 users make every visit, so each makes far more than a person would: the per-user limits
// stay on (their counters are part of what is measured) but high enough to refuse none.
const generous = { limit: 100_000, windowMs: 10 * 60_000 }
const app = oursApp(
  { ...upstream, fetch },
  {
    now: () => Date.now() + clockOffset,
    options: { rateLimits: { connectToken: generous, exchange: generous } },
  },
)

const server = serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' }, ({ port }) => {
  process.send({ type: 'ready', port })
})

serveCommands({
  /**
   * Memory after full collections, repeated until RSS settles: V8 gives freed pages back to the
   * system over a few collections, not at the first.
   */
  async measure() {
    let previous = Number.POSITIVE_INFINITY
    for (let i = 0; i < 12; i++) {
      await sleep(200)
      globalThis.gc()
      const { rss } = process.memoryUsage()
      if (i >= 3 && Math.abs(rss - previous) < 256 * 1024) break
      previous = rss
    }
    const { rss, heapUsed, external, arrayBuffers } = process.memoryUsage()
    return { rss, heapUsed, external, arrayBuffers }
  },
  advanceClock({ ms }) {
    clockOffset += ms
    return clockOffset
  },
})

process.on('SIGTERM', () => server.close(() => process.exit(0)))
