import { randomBytes } from 'node:crypto'
import {
  encryptedTokenStore,
  redisReplayStore,
  unstorageReplayStore,
  unstorageTokenStore,
} from '@acme/pelm-server'
import Redis from 'ioredis'
import { createStorage, type Storage } from 'unstorage'
import redisDriver from 'unstorage/drivers/redis'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { replayStoreContract } from '../packages/pelm-server/src/replay-stores/replay-store-contract.ts'
import { tokenStoreContract } from '../packages/pelm-server/src/token-stores/token-store-contract.ts'
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

/** unstorage over the real Redis, each call under its own key prefix so tests stay apart. */
function redisStorage(): Storage {
  const storage = createStorage({
    driver: redisDriver({ url: redis.url, base: `t${++namespaces}` }),
  })
  storages.push(storage)
  return storage
}

function redisClient(): Redis {
  const client = new Redis(redis.url)
  clients.push(client)
  return client
}

tokenStoreContract('unstorageTokenStore (Redis driver)', () => unstorageTokenStore(redisStorage()))
tokenStoreContract('encryptedTokenStore over unstorage (Redis driver)', () =>
  encryptedTokenStore(unstorageTokenStore(redisStorage()), { keys: [KEY] }),
)
replayStoreContract('unstorageReplayStore (Redis driver)', (count) => {
  const storage = redisStorage()
  return Array.from({ length: count }, () => unstorageReplayStore(storage))
})
replayStoreContract('redisReplayStore (ioredis, SET NX)', (count) => {
  const prefix = `t${++namespaces}:used`
  return Array.from({ length: count }, () => redisReplayStore(redisClient(), { prefix }))
})

describe('Redis as the shared store', () => {
  it('keeps access tokens encrypted at rest', async () => {
    const store = encryptedTokenStore(unstorageTokenStore(redisStorage()), { keys: [KEY] })
    const token = `at_plaintext_${randomBytes(8).toString('hex')}`
    await store.set('user-1', { accessToken: token, connectedAt: new Date(0).toISOString() })

    const raw = redisClient()
    const keys = await raw.keys(`t${namespaces}:*`)
    expect(keys).toHaveLength(1)
    const value = (await raw.get(keys[0] ?? '')) ?? ''
    expect(value).toContain('pelm-enc:v1:')
    expect(value).not.toContain(token)
    expect((await store.get('user-1'))?.accessToken).toBe(token)
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
