import { redisRateLimiter, unstorageRateLimiter } from '@acme/pelm-server'
import { rateLimiterContract } from '@acme/pelm-server/testing'
import { describe, expect, it } from 'vitest'
import { redisFixture } from './support/redis-fixture'

const redis = redisFixture()

rateLimiterContract({
  name: 'redisRateLimiter (ioredis, one EVAL)',
  makeLimiters: (count) => {
    const prefix = `${redis.namespace()}:rate`
    return Array.from({ length: count }, () => redisRateLimiter(redis.client(), { prefix }))
  },
  describe,
  it,
})
rateLimiterContract({
  name: 'unstorageRateLimiter (Redis driver)',
  makeLimiters: (count) => {
    const storage = redis.storage()
    return Array.from({ length: count }, () => unstorageRateLimiter(storage))
  },
  describe,
  it,
})

describe('Redis as the shared rate limiter', () => {
  it('lets exactly `limit` through of hits sent at once by eight instances', async () => {
    const prefix = `${redis.namespace()}:rate`
    const limiters = Array.from({ length: 8 }, () => redisRateLimiter(redis.client(), { prefix }))
    const limit = { limit: 10, windowMs: 60_000 }
    const results = await Promise.all(
      limiters.flatMap((limiter) => Array.from({ length: 5 }, () => limiter.hit('user-1', limit))),
    )
    expect(results.filter((result) => result.allowed)).toHaveLength(10)
    expect(new Set(results.filter((r) => r.allowed).map((r) => r.remaining)).size).toBe(10)
  })

  it('keeps one hashed key per user, which Redis forgets once the burst is back', async () => {
    const prefix = `${redis.namespace()}:rate`
    const raw = redis.client()
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
    const limiter = redisRateLimiter(redis.client(), { prefix: `${redis.namespace()}:rate` })
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
