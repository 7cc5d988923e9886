import { describe, expect, it } from 'vitest'
import type { ReplayStore } from '../replay-store'

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))

/**
 * The behaviour every shared ReplayStore owes, on the real clock: run it against each adapter
 * and backend. `makeStores(n)` gives `n` stores over the same backend, as `n` instances would hold.
 */
export function replayStoreContract(
  name: string,
  makeStores: (count: number) => Promise<ReplayStore[]> | ReplayStore[],
) {
  describe(`${name}: ReplayStore contract`, () => {
    it('lets a key be claimed once until its ttl passes', async () => {
      const [store] = (await makeStores(1)) as [ReplayStore]
      const key = `state:${crypto.randomUUID()}`
      expect(await store.claim(key, 300)).toBe(true)
      expect(await store.claim(key, 300)).toBe(false)
      expect(await store.claim(`${key}-other`, 300)).toBe(true)
      await sleep(450)
      expect(await store.claim(key, 300)).toBe(true)
    })

    it('grants exactly one of many concurrent claims', async () => {
      const [store] = (await makeStores(1)) as [ReplayStore]
      const key = `code:${crypto.randomUUID()}`
      const results = await Promise.all(Array.from({ length: 20 }, () => store.claim(key, 60_000)))
      expect(results.filter(Boolean)).toHaveLength(1)
    })

    it('shares claims between instances over the same backend', async () => {
      const [first, second] = (await makeStores(2)) as [ReplayStore, ReplayStore]
      const key = `code:${crypto.randomUUID()}`
      expect(await first.claim(key, 60_000)).toBe(true)
      expect(await second.claim(key, 60_000)).toBe(false)
    })
  })
}
