import assert from 'node:assert/strict'
import type { ReplayStore } from '../replay-store'
import type { ContractTestApi } from './test-api'

/** Options of {@link replayStoreContract}. */
export interface ReplayStoreContractOptions extends ContractTestApi {
  /** Names the suite, e.g. `'Redis replay store'`. */
  name: string
  /**
   * `count` stores over one backend, as `count` server instances would hold them, each with its
   * own client where it can (one for an in-process store that is not shared: the sharing tests
   * are then skipped).
   */
  makeStores: (count: number) => ReplayStore[] | Promise<ReplayStore[]>
  /** Whether stores from one `makeStores` call share claims. Default `true`. */
  shared?: boolean
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))

/**
 * The behaviour every {@link ReplayStore} owes, on the real clock (about a second): one
 * claim per key until its ttl passes, one winner among concurrent claims (through one instance
 * and through several), claims shared between instances over one backend.
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
      assert.equal(await store.claim(key, 1000), true)
      assert.equal(await store.claim(key, 1000), false)
      assert.equal(await store.claim(`${key}-other`, 1000), true)
      // Still claimed half-way: a store that forgets early (a ttl read in the wrong unit) would
      // let a 30-minute state be used again within seconds.
      await sleep(500)
      assert.equal(await store.claim(key, 1000), false, 'a claim is kept for its whole ttl')
      await sleep(650)
      assert.equal(await store.claim(key, 1000), true, 'a claim is forgotten once its ttl passed')
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

      it('grants exactly one of claims sent at once to different instances', async () => {
        // A lock inside each process is not enough: a code sent to two instances at the same
        // moment must still be exchanged once.
        const stores = await first(4)
        const key = `code:${crypto.randomUUID()}`
        const results = await Promise.all(
          Array.from({ length: 12 }, (_, index) => stores[index % 4]?.claim(key, 60_000)),
        )
        assert.equal(results.filter(Boolean).length, 1)
      })
    }
  })
}
