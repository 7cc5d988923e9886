import { randomBytes } from 'node:crypto'
import {
  encryptedConnectionStore,
  redisReplayStore,
  unstorageConnectionStore,
  unstorageReplayStore,
} from '@acme/pelm-server'
import { connectionStoreContract, replayStoreContract } from '@acme/pelm-server/testing'
import Redis from 'ioredis'
import { createStorage, type Storage } from 'unstorage'
import redisDriver from 'unstorage/drivers/redis'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { type RunningRedis, startRedis } from './support/redis'

const KEY = randomBytes(32).toString('base64')
let redis: RunningRedis
const storages: Storage[] = []
const clients: Redis[] = []
let namespaces = 0

beforeAll(async () => {
  redis = await startRedis()
})
afterAll(async () => {
  await Promise.all(storages.map((storage) => storage.dispose()))
  await Promise.all(clients.map((client) => client.quit()))
  await redis?.stop()
})

/** unstorage over the real Redis, under a key prefix of its own (`t<n>:`) so tests stay apart. */
function redisStorage(): { storage: Storage; base: string } {
  const base = `t${++namespaces}`
  const storage = createStorage({ driver: redisDriver({ url: redis.url, base }) })
  storages.push(storage)
  return { storage, base }
}

function redisClient(): Redis {
  const client = new Redis(redis.url)
  clients.push(client)
  return client
}

connectionStoreContract({
  name: 'unstorageConnectionStore (Redis driver)',
  makeStore: () => unstorageConnectionStore(redisStorage().storage),
  describe,
  it,
})
connectionStoreContract({
  name: 'encryptedConnectionStore over unstorage (Redis driver)',
  makeStore: () =>
    encryptedConnectionStore(unstorageConnectionStore(redisStorage().storage), { keys: [KEY] }),
  describe,
  it,
})
replayStoreContract({
  name: 'unstorageReplayStore (Redis driver)',
  makeStores: (count) => {
    const { storage } = redisStorage()
    return Array.from({ length: count }, () => unstorageReplayStore(storage))
  },
  describe,
  it,
})
replayStoreContract({
  name: 'redisReplayStore (ioredis, SET NX)',
  makeStores: (count) => {
    const prefix = `t${++namespaces}:used`
    return Array.from({ length: count }, () => redisReplayStore(redisClient(), { prefix }))
  },
  describe,
  it,
})

describe('Redis as the shared store', () => {
  it('keeps access tokens encrypted at rest, one key per connection, no id in the key', async () => {
    const { storage, base } = redisStorage()
    const store = encryptedConnectionStore(unstorageConnectionStore(storage), { keys: [KEY] })
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

    const raw = redisClient()
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
    const prefix = `t${++namespaces}:used`
    const raw = redisClient()
    expect(await redisReplayStore(raw, { prefix }).claim('code:abc', 60_000)).toBe(true)
    const [key] = await raw.keys(`${prefix}:*`)
    const ttl = await raw.pttl(key ?? '')
    expect(ttl).toBeGreaterThan(50_000)
    expect(ttl).toBeLessThanOrEqual(60_000)
  })

  it('grants one of many claims sent at once by separate clients (separate instances)', async () => {
    const prefix = `t${++namespaces}:used`
    const stores = Array.from({ length: 8 }, () => redisReplayStore(redisClient(), { prefix }))
    const results = await Promise.all(
      stores.flatMap((store) => [store.claim('code:x', 60_000), store.claim('code:x', 60_000)]),
    )
    expect(results.filter(Boolean)).toHaveLength(1)
  })
})
