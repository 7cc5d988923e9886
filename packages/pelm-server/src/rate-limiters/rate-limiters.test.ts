import { createStorage } from 'unstorage'
import { describe, expect, it } from 'vitest'
import type { UnstorageLike } from '../connection-stores/unstorage'
import { DEFAULT_RATE_LIMITS } from '../rate-limit'
import { rateLimiterContract } from '../testing'
import { memoryRateLimiter } from './memory'
import { type RedisEvalClient, redisRateLimiter } from './redis'
import { unstorageRateLimiter } from './unstorage'

rateLimiterContract({
  name: 'memoryRateLimiter',
  makeLimiters: () => [memoryRateLimiter()],
  shared: false,
  describe,
  it,
})
rateLimiterContract({
  name: 'unstorageRateLimiter (memory driver)',
  makeLimiters: (count) => {
    const storage = createStorage()
    return Array.from({ length: count }, () => unstorageRateLimiter(storage))
  },
  describe,
  it,
})

/** A clock the test moves by hand. */
function clock(start = 0) {
  let time = start
  return {
    now: () => time,
    set: (to: number) => {
      time = to
    },
  }
}

async function hits(limiter: ReturnType<typeof memoryRateLimiter>, key: string, count: number) {
  const limit = DEFAULT_RATE_LIMITS.connectToken
  const results = []
  for (let hit = 0; hit < count; hit++) results.push(await limiter.hit(key, limit))
  return results
}

describe('GCRA (memoryRateLimiter on a hand-moved clock)', () => {
  it('allows a burst of `limit`, then one hit per windowMs / limit', async () => {
    const time = clock()
    const limiter = memoryRateLimiter({ now: time.now })
    const burst = await hits(limiter, 'u', 31)
    expect(burst.filter((result) => result.allowed)).toHaveLength(30)
    expect(burst[29]).toEqual({ allowed: true, remaining: 0, retryAfterMs: 0 })
    expect(burst[30]).toEqual({ allowed: false, remaining: 0, retryAfterMs: 20_000 })
    time.set(19_999)
    expect((await limiter.hit('u', DEFAULT_RATE_LIMITS.connectToken)).allowed).toBe(false)
    time.set(20_000)
    expect(await hits(limiter, 'u', 2)).toEqual([
      { allowed: true, remaining: 0, retryAfterMs: 0 },
      { allowed: false, remaining: 0, retryAfterMs: 20_000 },
    ])
  })

  it('lets no second burst through around a window boundary (a fixed window would)', async () => {
    const time = clock(599_000)
    const limiter = memoryRateLimiter({ now: time.now })
    expect((await hits(limiter, 'u', 30)).every((result) => result.allowed)).toBe(true)
    time.set(601_000)
    expect((await hits(limiter, 'u', 30)).filter((result) => result.allowed)).toHaveLength(0)
  })

  it('is back to a full burst once a whole window passed', async () => {
    const time = clock()
    const limiter = memoryRateLimiter({ now: time.now })
    await hits(limiter, 'u', 30)
    time.set(600_000)
    const again = await hits(limiter, 'u', 31)
    expect(again.filter((result) => result.allowed)).toHaveLength(30)
    expect(again[0]?.remaining).toBe(29)
  })

  it('counts exactly with a window that does not divide evenly, on a real-size clock', async () => {
    const limiter = memoryRateLimiter({ now: () => 1_700_000_000_123 })
    const limit = { limit: 6, windowMs: 1_000 }
    const results = []
    for (let hit = 0; hit < 7; hit++) results.push(await limiter.hit('u', limit))
    expect(results.map((result) => result.remaining)).toEqual([5, 4, 3, 2, 1, 0, 0])
    expect(results.map((result) => result.allowed)).toEqual([
      true,
      true,
      true,
      true,
      true,
      true,
      false,
    ])
    expect(results[6]?.retryAfterMs).toBe(167)
  })
})

describe('unstorageRateLimiter', () => {
  it('hashes keys and gives each value a ttl of at least 60 s', async () => {
    const writes: { key: string; ttl?: number }[] = []
    const storage = createStorage()
    const spy: UnstorageLike = {
      getItem: (key) => storage.getItem(key),
      setItem: (key, value, options) => {
        writes.push({ key, ttl: options?.ttl })
        return storage.setItem(key, value, options)
      },
      removeItem: (key) => storage.removeItem(key),
      getKeys: (base) => storage.getKeys(base),
    }
    await unstorageRateLimiter(spy, { prefix: 'app:rate' }).hit('exchange:a@example.com', {
      limit: 10,
      windowMs: 1_000,
    })
    expect(writes).toEqual([{ key: expect.stringMatching(/^app:rate:[0-9a-f]{64}$/), ttl: 60 }])
  })

  it('is not atomic across instances, as documented: two racing on one key can both pass', async () => {
    const storage = createStorage()
    // a driver with a round trip: both instances read before either writes
    const slow: UnstorageLike = {
      getItem: async (key) => {
        const value = await storage.getItem(key)
        await new Promise((resolve) => setTimeout(resolve, 20))
        return value
      },
      setItem: (key, value, options) => storage.setItem(key, value, options),
      removeItem: (key) => storage.removeItem(key),
      getKeys: (base) => storage.getKeys(base),
    }
    const [one, two] = [unstorageRateLimiter(slow), unstorageRateLimiter(slow)]
    const limit = { limit: 1, windowMs: 60_000 }
    const results = await Promise.all([one.hit('k', limit), two.hit('k', limit)])
    expect(results.filter((result) => result.allowed)).toHaveLength(2)
    expect((await one.hit('k', limit)).allowed).toBe(false)
  })

  it('refuses a prefix with `?`: unstorage cuts keys there, every user would share one bucket', () => {
    expect(() => unstorageRateLimiter(createStorage(), { prefix: 'app:rate?' })).toThrow(/prefix/)
  })

  it('refuses something that is not a storage', () => {
    expect(() => unstorageRateLimiter({} as never)).toThrow(/unstorage Storage/)
  })

  it('rejects within timeoutMs when the storage does not answer (the routes then fail open)', async () => {
    const storage = createStorage()
    const silent: UnstorageLike = {
      getItem: () => new Promise(() => {}),
      setItem: (key, value, options) => storage.setItem(key, value, options),
      removeItem: (key) => storage.removeItem(key),
      getKeys: (base) => storage.getKeys(base),
    }
    await expect(
      unstorageRateLimiter(silent, { timeoutMs: 50 }).hit('k', { limit: 1, windowMs: 1 }),
    ).rejects.toThrow(/unstorageRateLimiter: the storage did not answer within 50 ms/)
  })
})

describe('redisRateLimiter (the script itself runs on a real Redis in runtimes/)', () => {
  const answering = (answer: unknown) => {
    const calls: unknown[][] = []
    const client: RedisEvalClient = {
      async eval(...args) {
        calls.push(args)
        return answer
      },
    }
    return { client, calls }
  }

  it('sends one EVAL with one hashed key, the limit and the window', async () => {
    const redis = answering([1, 9, 0])
    const result = await redisRateLimiter(redis.client, { prefix: 'app:rate' }).hit(
      'exchange:a@example.com',
      { limit: 10, windowMs: 600_000 },
    )
    expect(result).toEqual({ allowed: true, remaining: 9, retryAfterMs: 0 })
    expect(redis.calls).toEqual([
      [
        expect.stringContaining("redis.call('TIME')"),
        1,
        expect.stringMatching(/^app:rate:[0-9a-f]{64}$/),
        10,
        600_000,
      ],
    ])
    expect(JSON.stringify(redis.calls)).not.toContain('a@example.com')
  })

  it('refuses an answer that is not [allowed, remaining, retryAfterMs]', async () => {
    for (const answer of [null, 'OK', [1, 2], [1, '2', 0]]) {
      await expect(
        redisRateLimiter(answering(answer).client).hit('k', { limit: 1, windowMs: 1 }),
      ).rejects.toThrow(/not \[allowed, remaining, retryAfterMs\]/)
    }
  })

  it('lets a Redis error reach the caller', async () => {
    const limiter = redisRateLimiter({
      eval: async () => {
        throw new Error('connection lost')
      },
    })
    await expect(limiter.hit('k', { limit: 1, windowMs: 1 })).rejects.toThrow('connection lost')
  })

  it('refuses something that is not a Redis client', () => {
    expect(() => redisRateLimiter({} as never)).toThrow(/eval\(script, numKeys, \.\.\.args\)/)
  })

  it('rejects within timeoutMs when Redis does not answer, so the routes fail open at once', async () => {
    // ioredis with Redis down queues the command and retries 20 times: measured 10 to 33 s per
    // hit, and every connect token waited that long before the route let it through.
    const silent: RedisEvalClient = { eval: () => new Promise(() => {}) }
    const started = Date.now()
    await expect(
      redisRateLimiter(silent, { timeoutMs: 50 }).hit('k', { limit: 1, windowMs: 1 }),
    ).rejects.toThrow(/redisRateLimiter: Redis did not answer within 50 ms/)
    expect(Date.now() - started).toBeLessThan(1_000)
    const byDefault = redisRateLimiter(silent).hit('k', { limit: 1, windowMs: 1 })
    await expect(
      Promise.race([byDefault, new Promise((resolve) => setTimeout(resolve, 1_500, 'pending'))]),
    ).rejects.toThrow(/within 1000 ms/)
    for (const timeoutMs of [0, -1, Number.NaN, '5']) {
      expect(() => redisRateLimiter(silent, { timeoutMs } as never)).toThrow(/timeoutMs/)
    }
  })
})
