import { createStorage } from 'unstorage'
import { describe, expect, it } from 'vitest'
import type { ReplayStore } from '../replay-store'
import { memoryReplayStore } from './memory'
import { unstorageReplayStore } from './unstorage'

const adapters: [string, (now: () => number) => ReplayStore][] = [
  ['memoryReplayStore', (now) => memoryReplayStore({ now })],
  ['unstorageReplayStore', (now) => unstorageReplayStore(createStorage(), { now })],
]

describe.each(adapters)('%s', (_, make) => {
  it('lets a key be claimed once until its ttl passes', async () => {
    let time = 1000
    const store = make(() => time)
    expect(await store.claim('state:a', 100)).toBe(true)
    expect(await store.claim('state:a', 100)).toBe(false)
    expect(await store.claim('state:b', 100)).toBe(true)
    time += 101
    expect(await store.claim('state:a', 100)).toBe(true)
  })

  it('grants exactly one of many concurrent claims', async () => {
    const store = make(Date.now)
    const results = await Promise.all(
      Array.from({ length: 20 }, () => store.claim('code:x', 60_000)),
    )
    expect(results.filter(Boolean)).toHaveLength(1)
  })
})

describe('unstorageReplayStore', () => {
  it('shares claims between instances over the same storage', async () => {
    const storage = createStorage()
    expect(await unstorageReplayStore(storage).claim('k', 60_000)).toBe(true)
    expect(await unstorageReplayStore(storage).claim('k', 60_000)).toBe(false)
  })
})
