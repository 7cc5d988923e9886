import { describe, expect, it } from 'vitest'
import { replayStoreContract } from '../testing'
import { type RedisSetNxClient, redisReplayStore } from './redis'

/** Redis's `SET … PX … NX` semantics in memory; the real server runs in the runtimes suite. */
function fakeRedis() {
  const keys = new Map<string, { value: string; expiresAt: number }>()
  const calls: unknown[][] = []
  const client: RedisSetNxClient = {
    async set(key, value, px, ttlMs, nx) {
      calls.push([key, value, px, ttlMs, nx])
      const existing = keys.get(key)
      if (existing && existing.expiresAt > Date.now()) return null
      keys.set(key, { value, expiresAt: Date.now() + ttlMs })
      return 'OK'
    },
  }
  return { client, keys, calls }
}

replayStoreContract({
  name: 'redisReplayStore (in-memory SET NX)',
  makeStores: (count) => {
    const { client } = fakeRedis()
    return Array.from({ length: count }, () => redisReplayStore(client))
  },
  describe,
  it,
})

describe('redisReplayStore', () => {
  it('sends one SET NX with a whole-millisecond TTL, under a hashed key', async () => {
    const redis = fakeRedis()
    await redisReplayStore(redis.client, { prefix: 'app:used' }).claim('state:secret-value', 1500.2)
    expect(redis.calls).toEqual([
      [expect.stringMatching(/^app:used:[0-9a-f]{64}$/), '1', 'PX', 1501, 'NX'],
    ])
    expect(JSON.stringify([...redis.keys.keys()])).not.toContain('secret-value')
  })

  it('answers false for anything but OK', async () => {
    const store = redisReplayStore({ set: async () => null })
    expect(await store.claim('k', 1000)).toBe(false)
  })

  it('lets a Redis error reach the caller, so the exchange fails closed', async () => {
    const store = redisReplayStore({
      set: async () => {
        throw new Error('connection lost')
      },
    })
    await expect(store.claim('k', 1000)).rejects.toThrow('connection lost')
  })

  it('refuses something that is not a Redis client', () => {
    expect(() => redisReplayStore({} as never)).toThrow(/set\(key, value, "PX", ms, "NX"\)/)
  })
})
