import { dirname } from 'node:path'
import type { ReplayStore } from '@acme/pelm-server'
import { replayStoreContract } from '@acme/pelm-server/testing'
import { Miniflare } from 'miniflare'
import { afterAll, beforeAll, describe, it } from 'vitest'
import { bundleExample, cleanBundles } from './support/bundle'

// The Worker example's D1 replay store runs where it runs when deployed: inside workerd, next to
// D1 (support/d1-claim-worker.ts). Each claim is one request to that Worker, which keeps the
// contract's 300 ms ttl test clear of Miniflare's slower Node-side D1 proxy (several round trips
// per statement).
let miniflare: Miniflare

beforeAll(async () => {
  const bundle = await bundleExample('runtimes/support/d1-claim-worker.ts', 'workerd')
  miniflare = new Miniflare({
    modules: true,
    scriptPath: bundle,
    modulesRoot: dirname(bundle),
    compatibilityDate: '2026-07-30',
    d1Databases: ['REPLAY'],
  })
  await miniflare.ready
})
afterAll(async () => {
  await miniflare?.dispose()
  await cleanBundles()
})

let instances = 0
/** A store held by one Worker instance (its own `d1ReplayStore` over the shared database). */
function workerStore(): ReplayStore {
  const instance = ++instances
  return {
    async claim(key, ttlMs) {
      const response = await miniflare.dispatchFetch(`http://worker/claim?instance=${instance}`, {
        method: 'POST',
        body: JSON.stringify({ key, ttlMs }),
      })
      const claimed: unknown = await response.json()
      if (typeof claimed !== 'boolean') throw new Error(`The Worker answered ${String(claimed)}`)
      return claimed
    },
  }
}

replayStoreContract({
  name: 'd1ReplayStore (D1 in workerd)',
  makeStores: (count) => Array.from({ length: count }, workerStore),
  describe,
  it,
})
