import { Miniflare } from 'miniflare'
import { afterAll, beforeAll } from 'vitest'
import { d1ReplayStore } from '../examples/cloudflare-worker/src/d1-replay-store.ts'
import { replayStoreContract } from '../packages/pelm-server/src/replay-stores/replay-store-contract.ts'

// The Worker example's D1 replay store against D1 in workerd, reached through Miniflare's proxy.
let miniflare: Miniflare
let database: Awaited<ReturnType<Miniflare['getD1Database']>>

beforeAll(async () => {
  miniflare = new Miniflare({
    modules: true,
    script: 'export default { fetch: () => new Response(null, { status: 404 }) }',
    compatibilityDate: '2026-07-30',
    d1Databases: ['REPLAY'],
  })
  database = await miniflare.getD1Database('REPLAY')
})
afterAll(() => miniflare?.dispose())

replayStoreContract('d1ReplayStore (D1 in workerd)', (count) =>
  Array.from({ length: count }, () => d1ReplayStore(database)),
)
