import assert from 'node:assert/strict'
import type { RateLimiter } from '../rate-limit'
import type { ContractTestApi } from './test-api'

/** Options of {@link rateLimiterContract}. */
export interface RateLimiterContractOptions extends ContractTestApi {
  /** Names the suite, e.g. `'Redis rate limiter'`. */
  name: string
  /**
   * `count` limiters over one backend, as `count` server instances would hold them (one for an
   * in-process limiter that is not shared: the sharing tests are then skipped).
   */
  makeLimiters: (count: number) => RateLimiter[] | Promise<RateLimiter[]>
  /** Whether limiters from one `makeLimiters` call share their counters. Default `true`. */
  shared?: boolean
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))
const MINUTE = 60_000

/**
 * The behaviour every {@link RateLimiter} owes, on the real clock (about a second): `limit`
 * hits then a refusal with a retry time, keys counted apart, hits allowed again once that time
 * has passed, never more than `limit` of concurrent hits, and counters shared between instances
 * over one backend. Keys are random, so a shared backend needs no cleaning between tests.
 *
 * @example
 * ```ts
 * import { describe, it } from 'vitest'
 * import { rateLimiterContract } from '@acme/pelm-server/testing'
 *
 * rateLimiterContract({
 *   name: 'my rate limiter',
 *   makeLimiters: (count) => Array.from({ length: count }, () => myRateLimiter(db)),
 *   describe,
 *   it,
 * })
 * ```
 */
export function rateLimiterContract(options: RateLimiterContractOptions): void {
  const { describe, it, makeLimiters } = options
  const first = async (count: number) => {
    const limiters = await makeLimiters(count)
    assert.ok(limiters.length >= count, `makeLimiters(${count}) answered ${limiters.length}`)
    return limiters as [RateLimiter, ...RateLimiter[]]
  }
  const freshKey = (label: string) => `${label}:${crypto.randomUUID()}`

  describe(`${options.name}: RateLimiter contract`, () => {
    it('allows `limit` hits, then refuses with the time to wait', async () => {
      const [limiter] = await first(1)
      const key = freshKey('burst')
      const limit = { limit: 3, windowMs: MINUTE }
      const results = []
      for (let hit = 0; hit < 4; hit++) results.push(await limiter.hit(key, limit))
      assert.deepEqual(
        results.slice(0, 3).map(({ allowed, remaining }) => [allowed, remaining]),
        [
          [true, 2],
          [true, 1],
          [true, 0],
        ],
      )
      const refused = results[3]
      assert.equal(refused?.allowed, false)
      assert.equal(refused?.remaining, 0)
      assert.ok((refused?.retryAfterMs ?? 0) > 0, 'a refusal says how long to wait')
      assert.ok((refused?.retryAfterMs ?? Infinity) <= MINUTE, 'never longer than the window')
    })

    it('counts each key on its own', async () => {
      const [limiter] = await first(1)
      const limit = { limit: 1, windowMs: MINUTE }
      const alice = freshKey('alice')
      assert.equal((await limiter.hit(alice, limit)).allowed, true)
      assert.equal((await limiter.hit(alice, limit)).allowed, false)
      assert.equal((await limiter.hit(freshKey('bob'), limit)).allowed, true)
      // The routes' keys are `connect-token:<app user id>`: ids may share a long prefix (an
      // issuer URL, a tenant), and a limiter that cuts keys would count those users together.
      const shared = `${freshKey('connect-token')}:https://issuer.example.com/${'x'.repeat(200)}`
      assert.equal((await limiter.hit(`${shared}/alice`, limit)).allowed, true)
      assert.equal((await limiter.hit(`${shared}/bob`, limit)).allowed, true)
    })

    it('allows a hit again once the retry time has passed', async () => {
      const [limiter] = await first(1)
      const key = freshKey('refill')
      const limit = { limit: 2, windowMs: 400 }
      await limiter.hit(key, limit)
      await limiter.hit(key, limit)
      const refused = await limiter.hit(key, limit)
      assert.equal(refused.allowed, false)
      await sleep(refused.retryAfterMs + 40)
      assert.equal((await limiter.hit(key, limit)).allowed, true)
    })

    it('does not make a refused caller wait longer for hitting again', async () => {
      const [limiter] = await first(1)
      const key = freshKey('hammer')
      const limit = { limit: 1, windowMs: MINUTE }
      await limiter.hit(key, limit)
      const firstRefusal = await limiter.hit(key, limit)
      for (let hit = 0; hit < 5; hit++) await limiter.hit(key, limit)
      const lastRefusal = await limiter.hit(key, limit)
      assert.equal(lastRefusal.allowed, false)
      assert.ok(lastRefusal.retryAfterMs <= firstRefusal.retryAfterMs)
    })

    it('never allows more than `limit` of many concurrent hits', async () => {
      const [limiter] = await first(1)
      const key = freshKey('concurrent')
      const results = await Promise.all(
        Array.from({ length: 20 }, () => limiter.hit(key, { limit: 5, windowMs: MINUTE })),
      )
      assert.equal(results.filter((result) => result.allowed).length, 5)
    })

    it('refuses a limit that is not a positive integer per positive window', async () => {
      const [limiter] = await first(1)
      for (const bad of [
        { limit: 0, windowMs: MINUTE },
        { limit: 1.5, windowMs: MINUTE },
        { limit: 3, windowMs: 0 },
        { limit: 3, windowMs: Number.POSITIVE_INFINITY },
      ]) {
        await assert.rejects(limiter.hit(freshKey('bad'), bad), TypeError)
      }
    })

    if (options.shared !== false) {
      it('shares the counter between instances over one backend', async () => {
        const [one, two] = await first(2)
        const key = freshKey('shared')
        const limit = { limit: 4, windowMs: MINUTE }
        await one.hit(key, limit)
        await two?.hit(key, limit)
        await one.hit(key, limit)
        assert.equal((await two?.hit(key, limit))?.remaining, 0)
        assert.equal((await one.hit(key, limit)).allowed, false)
      })

      it('limits every instance once one of them reached the limit', async () => {
        const [one, two] = await first(2)
        const key = freshKey('limited')
        const limit = { limit: 2, windowMs: MINUTE }
        await one.hit(key, limit)
        await one.hit(key, limit)
        const other = await two?.hit(key, limit)
        assert.equal(other?.allowed, false)
        assert.ok((other?.retryAfterMs ?? 0) > 0)
      })
    }
  })
}
