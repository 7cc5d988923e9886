// One server under load: `ours` (pelmRoutes) or `bare`, with the sandbox in this process
// (`mock.fetch`), so the upstream costs the same in both and no socket is involved upstream.
import { serve } from '@hono/node-server'
import { bareApp, oursApp } from '../lib/apps.mjs'
import { serveCommands } from '../lib/child.mjs'
import { finishedFlow } from '../lib/flows.mjs'
import { importDist } from '../lib/workspace.mjs'

const { createPelmMock, sandboxUtilities } = await importDist('mock')

/** `ours`, `bare`, or `bare-body-limit` (the bare routes behind `hono/body-limit`). */
const variant = process.argv[2]
const mock = createPelmMock()
const app =
  variant === 'ours'
    ? oursApp(mock)
    : bareApp(mock, { withBodyLimit: variant === 'bare-body-limit' })

const server = serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' }, ({ port }) => {
  process.send({ type: 'ready', port })
})

serveCommands({
  // The sandbox keeps every token and every request it received: forget them between runs, and
  // collect, so one run's garbage is not paid by the next.
  reset() {
    mock.reset()
    globalThis.gc?.()
    return true
  },
  /** CPU time this process used so far, in microseconds (user + system). */
  cpu() {
    const { user, system } = process.cpuUsage()
    return user + system
  },
  /** One exchange request per item: a finished flow of a user with no connection yet. */
  async prepareExchanges({ count }) {
    const issue = (pelmUserId, username) =>
      mock.store.issueCode(pelmUserId, sandboxUtilities[0], username).code
    const items = []
    for (let i = 0; i < count; i++) items.push(await finishedFlow(issue))
    return items
  },
})

process.on('SIGTERM', () => server.close(() => process.exit(0)))
