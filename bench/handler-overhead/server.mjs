// One server under load: `ours` (pelmRoutes) or `bare`, with the sandbox in this process
// (`mock.fetch`), so the upstream costs the same in both and no socket is involved upstream.
import { serve } from '@hono/node-server'
import { bareApp, oursApp } from '../lib/apps.mjs'
import { serveCommands } from '../lib/child.mjs'
import { benchSecrets, importDist } from '../lib/workspace.mjs'

const { createPelmMock, sandboxUtilities } = await importDist('mock')
const { createStateSigner } = await importDist('server')

const variant = process.argv[2]
const mock = createPelmMock()
const app = variant === 'ours' ? oursApp(mock) : bareApp(mock)
const signer = createStateSigner({ secret: benchSecrets.cookieSecret })

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
  /** One exchange request per item: a code the sandbox issued and a state signed for that user. */
  async prepareExchanges({ count }) {
    const items = []
    for (let i = 0; i < count; i++) {
      const userId = `bench-user-${i % 100}`
      const { state, cookieValue } = await signer.issue({ userId })
      const { code } = mock.store.issueCode(userId, sandboxUtilities[0])
      items.push({ userId, state, cookie: cookieValue, code })
    }
    return items
  },
})

process.on('SIGTERM', () => server.close(() => process.exit(0)))
