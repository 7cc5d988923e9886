import { randomBytes } from 'node:crypto'
import {
  encryptedConnectionStore,
  redisReplayStore,
  unstorageConnectionStore,
  unstorageReplayStore,
} from '@acme/pelm-server'
import { connectionStoreContract, replayStoreContract } from '@acme/pelm-server/testing'
import { describe, expect, it } from 'vitest'
import { redisFixture } from './support/redis-fixture'

const KEY = randomBytes(32).toString('base64')
const redis = redisFixture()

connectionStoreContract({
  name: 'unstorageConnectionStore (Redis driver)',
  makeStore: () => unstorageConnectionStore(redis.storage()),
  describe,
  it,
})
connectionStoreContract({
  name: 'encryptedConnectionStore over unstorage (Redis driver)',
  makeStore: () =>
    encryptedConnectionStore(unstorageConnectionStore(redis.storage()), { keys: [KEY] }),
  describe,
  it,
})
replayStoreContract({
  name: 'unstorageReplayStore (Redis driver)',
  makeStores: (count) => {
    const storage = redis.storage()
    return Array.from({ length: count }, () => unstorageReplayStore(storage))
  },
  describe,
  it,
})
replayStoreContract({
  name: 'redisReplayStore (ioredis, SET NX)',
  makeStores: (count) => {
    const prefix = `${redis.namespace()}:used`
    return Array.from({ length: count }, () => redisReplayStore(redis.client(), { prefix }))
  },
  describe,
  it,
})

describe('Redis as the shared store', () => {
  it('keeps access tokens encrypted at rest, one key per connection, no id in the key', async () => {
    const base = redis.namespace()
    const store = encryptedConnectionStore(unstorageConnectionStore(redis.storage(base)), {
      keys: [KEY],
    })
    const token = `at_plaintext_${randomBytes(8).toString('hex')}`
    const connectedAt = new Date(0).toISOString()
    await store.set('ada@example.com', {
      id: 'c1',
      pelmUserId: 'p1',
      accessToken: token,
      connectedAt,
    })
    await store.set('ada@example.com', {
      id: 'c2',
      pelmUserId: 'p2',
      accessToken: token,
      connectedAt,
    })

    const raw = redis.client()
    const keys = await raw.keys(`${base}:*`)
    expect(keys).toHaveLength(2)
    for (const key of keys) {
      expect(key).toMatch(new RegExp(`^${base}:pelm:connections:[0-9a-f]{64}:[0-9a-f]{64}$`))
      const value = (await raw.get(key)) ?? ''
      expect(value).toContain('pelm-enc:v2:')
      expect(value).not.toContain(token)
    }
    const stored = await store.list('ada@example.com')
    expect(stored.map((record) => record.accessToken)).toEqual([token, token])
  })

  it('gives each one-time marker a TTL, so Redis forgets it by itself', async () => {
    const prefix = `${redis.namespace()}:used`
    const raw = redis.client()
    expect(await redisReplayStore(raw, { prefix }).claim('code:abc', 60_000)).toBe(true)
    const [key] = await raw.keys(`${prefix}:*`)
    const ttl = await raw.pttl(key ?? '')
    expect(ttl).toBeGreaterThan(50_000)
    expect(ttl).toBeLessThanOrEqual(60_000)
  })

  it('grants one of many claims sent at once by separate clients (separate instances)', async () => {
    const prefix = `${redis.namespace()}:used`
    const stores = Array.from({ length: 8 }, () => redisReplayStore(redis.client(), { prefix }))
    const results = await Promise.all(
      stores.flatMap((store) => [store.claim('code:x', 60_000), store.claim('code:x', 60_000)]),
    )
    expect(results.filter(Boolean)).toHaveLength(1)
  })
})
