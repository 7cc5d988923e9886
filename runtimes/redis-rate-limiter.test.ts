import { redisRateLimiter, unstorageRateLimiter } from '@acme/pelm-server'
import { rateLimiterContract } from '@acme/pelm-server/testing'
import Redis from 'ioredis'
import { createStorage, type Storage } from 'unstorage'
import redisDriver from 'unstorage/drivers/redis'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { type RunningRedis, startRedis } from './support/redis'

let redis: RunningRedis
const clients: Redis[] = []
const storages: Storage[] = []
let namespaces = 0

beforeAll(async () => {
  redis = await startRedis()
})
afterAll(async () => {
  await Promise.all(storages.map((storage) => storage.dispose()))
  await Promise.all(clients.map((client) => client.quit()))
  await redis?.stop()
})

/** One client per limiter, as separate server instances would hold. */
function redisClient(): Redis {
  const client = new Redis(redis.url)
  clients.push(client)
  return client
}

rateLimiterContract({
  name: 'redisRateLimiter (ioredis, one EVAL)',
  makeLimiters: (count) => {
    const prefix = `t${++namespaces}:rate`
    return Array.from({ length: count }, () => redisRateLimiter(redisClient(), { prefix }))
  },
  describe,
  it,
})
rateLimiterContract({
  name: 'unstorageRateLimiter (Redis driver)',
  makeLimiters: (count) => {
    const storage = createStorage({
      driver: redisDriver({ url: redis.url, base: `t${++namespaces}` }),
    })
    storages.push(storage)
    return Array.from({ length: count }, () => unstorageRateLimiter(storage))
  },
  describe,
  it,
})

describe('Redis as the shared rate limiter', () => {
  it('lets exactly `limit` through of hits sent at once by eight instances', async () => {
    const prefix = `t${++namespaces}:rate`
    const limiters = Array.from({ length: 8 }, () => redisRateLimiter(redisClient(), { prefix }))
    const limit = { limit: 10, windowMs: 60_000 }
    const results = await Promise.all(
      limiters.flatMap((limiter) => Array.from({ length: 5 }, () => limiter.hit('user-1', limit))),
    )
    expect(results.filter((result) => result.allowed)).toHaveLength(10)
    expect(new Set(results.filter((r) => r.allowed).map((r) => r.remaining)).size).toBe(10)
  })

  it('keeps one hashed key per user, which Redis forgets once the burst is back', async () => {
    const prefix = `t${++namespaces}:rate`
    const raw = redisClient()
    const limiter = redisRateLimiter(raw, { prefix })
    for (let hit = 0; hit < 3; hit++) {
      await limiter.hit('connect-token:alice@example.com', { limit: 30, windowMs: 600_000 })
    }
    const keys = await raw.keys(`${prefix}:*`)
    expect(keys).toEqual([expect.stringMatching(/^t\d+:rate:[0-9a-f]{64}$/)])
    const ttl = await raw.pttl(keys[0] ?? '')
    expect(ttl).toBeGreaterThan(59_000)
    expect(ttl).toBeLessThanOrEqual(60_000)
  })

  it('costs one round trip per hit (figure)', async () => {
    const limiter = redisRateLimiter(redisClient(), { prefix: `t${++namespaces}:rate` })
    const count = 2_000
    const started = performance.now()
    for (let hit = 0; hit < count; hit++) {
      await limiter.hit(`user-${hit % 50}`, { limit: 1_000, windowMs: 60_000 })
    }
    const perHit = (performance.now() - started) / count
    console.log(`redisRateLimiter: ${perHit.toFixed(3)} ms per hit, one after another`)
    expect(perHit).toBeLessThan(20)
  })
})
