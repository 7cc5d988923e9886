import assert from 'node:assert/strict'
import type { ReplayStore } from '../replay-store'
import type { ContractTestApi } from './test-api'

/** Options of {@link replayStoreContract}. */
export interface ReplayStoreContractOptions extends ContractTestApi {
  /** Names the suite, e.g. `'Redis replay store'`. */
  name: string
  /**
   * `count` stores over one backend, as `count` server instances would hold them (one for an
   * in-process store that is not shared: the sharing test is then skipped).
   */
  makeStores: (count: number) => ReplayStore[] | Promise<ReplayStore[]>
  /** Whether stores from one `makeStores` call share claims. Default `true`. */
  shared?: boolean
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))

/**
 * The behaviour every {@link ReplayStore} owes, on the real clock (about half a second): one
 * claim per key until its ttl passes, one winner among concurrent claims, claims shared between
 * instances over one backend.
 *
 * @example
 * ```ts
 * import { describe, it } from 'node:test'
 * import { replayStoreContract } from '@acme/pelm-server/testing'
 *
 * replayStoreContract({
 *   name: 'my Redis replay store',
 *   makeStores: (count) => Array.from({ length: count }, () => myReplayStore(new Redis())),
 *   describe,
 *   it,
 * })
 * ```
 */
export function replayStoreContract(options: ReplayStoreContractOptions): void {
  const { describe, it, makeStores } = options
  const first = async (count: number) => {
    const stores = await makeStores(count)
    assert.ok(stores.length >= count, `makeStores(${count}) answered ${stores.length} stores`)
    return stores as [ReplayStore, ...ReplayStore[]]
  }
  describe(`${options.name}: ReplayStore contract`, () => {
    it('lets a key be claimed once until its ttl passes', async () => {
      const [store] = await first(1)
      const key = `state:${crypto.randomUUID()}`
      assert.equal(await store.claim(key, 300), true)
      assert.equal(await store.claim(key, 300), false)
      assert.equal(await store.claim(`${key}-other`, 300), true)
      await sleep(450)
      assert.equal(await store.claim(key, 300), true)
    })

    it('grants exactly one of many concurrent claims', async () => {
      const [store] = await first(1)
      const key = `code:${crypto.randomUUID()}`
      const results = await Promise.all(Array.from({ length: 20 }, () => store.claim(key, 60_000)))
      assert.equal(results.filter(Boolean).length, 1)
    })

    if (options.shared !== false) {
      it('shares claims between instances over the same backend', async () => {
        const [one, two] = await first(2)
        const key = `code:${crypto.randomUUID()}`
        assert.equal(await one.claim(key, 60_000), true)
        assert.equal(await two?.claim(key, 60_000), false)
      })
    }
  })
}
