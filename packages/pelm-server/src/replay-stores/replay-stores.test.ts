import { createStorage } from 'unstorage'
import { describe, expect, it } from 'vitest'
import type { UnstorageLike } from '../connection-stores/unstorage'
import type { ReplayStore } from '../replay-store'
import { replayStoreContract } from '../testing'
import { memoryReplayStore } from './memory'
import { unstorageReplayStore } from './unstorage'

// A memory store is its own backend: its "instances" are the one store of this process.
replayStoreContract({
  name: 'memoryReplayStore',
  makeStores: (count) => Array(count).fill(memoryReplayStore()),
  describe,
  it,
})
replayStoreContract({
  name: 'unstorageReplayStore (memory driver)',
  makeStores: (count) => {
    const storage = createStorage()
    return Array.from({ length: count }, () => unstorageReplayStore(storage))
  },
  describe,
  it,
})

const adapters: [string, (now: () => number) => ReplayStore][] = [
  ['memoryReplayStore', (now) => memoryReplayStore({ now })],
  ['unstorageReplayStore', (now) => unstorageReplayStore(createStorage(), { now })],
]

describe.each(adapters)('%s', (_, make) => {
  it('expires a claim on the clock passed as `now`', async () => {
    let time = 1000
    const store = make(() => time)
    expect(await store.claim('state:a', 100)).toBe(true)
    expect(await store.claim('state:a', 100)).toBe(false)
    expect(await store.claim('state:b', 100)).toBe(true)
    time += 101
    expect(await store.claim('state:a', 100)).toBe(true)
  })
})

describe('unstorageReplayStore', () => {
  it('lets the stores over one storage in this process take turns: one claim wins', async () => {
    // Two stores over one storage (two route mounts, a re-created store) with a driver whose
    // first read is slow: that read still answers "unclaimed" after the other store has won.
    const storage = createStorage()
    let reads = 0
    const slowFirstRead: UnstorageLike = {
      getItem: async (key) => {
        const value = await storage.getItem(key)
        if (++reads === 1) await new Promise((resolve) => setTimeout(resolve, 30))
        return value
      },
      setItem: (key, value, options) => storage.setItem(key, value, options),
      removeItem: (key) => storage.removeItem(key),
      getKeys: (base) => storage.getKeys(base),
    }
    const [one, two] = [unstorageReplayStore(slowFirstRead), unstorageReplayStore(slowFirstRead)]
    const results = await Promise.all([one.claim('code:a', 60_000), two.claim('code:a', 60_000)])
    expect(results.filter(Boolean)).toHaveLength(1)
  })

  it('keeps a key claimed when its stored value is not a claim (torn or edited): fails closed', async () => {
    const storage = createStorage()
    const store = unstorageReplayStore(storage)
    expect(await store.claim('state:a', 60_000)).toBe(true)
    const [key] = await storage.getKeys()
    if (!key) throw new Error('no claim stored')
    // what the fs driver reads back after two overlapping writes, or a value edited by hand
    for (const broken of ['{"owner":"x","expiresAt":17', { owner: 'x' }, 42]) {
      await storage.setItem(key, broken as never)
      expect(await store.claim('state:a', 60_000), JSON.stringify(broken)).toBe(false)
    }
  })

  it('refuses a prefix with `?`: unstorage cuts keys there, every claim would share one key', () => {
    expect(() => unstorageReplayStore(createStorage(), { prefix: 'app:used?' })).toThrow(/prefix/)
  })
})
