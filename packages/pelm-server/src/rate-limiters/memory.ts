import { checkRateLimit, type RateLimiter } from '../rate-limit'
import { gcraStep } from './gcra'

/** Options of {@link memoryRateLimiter}. */
export interface MemoryRateLimiterOptions {
  /** Default `Date.now`. */
  now?: () => number
}

/**
 * A rate limiter in this process's memory (GCRA, see `RateLimiter`): exact within the process,
 * not shared. With several instances each counts on its own, so a user gets up to the limit
 * per instance: use `redisRateLimiter` there. Expired keys are swept as it goes.
 *
 * @example
 * ```ts
 * import { memoryRateLimiter } from '@acme/pelm-server'
 *
 * const rateLimiter = memoryRateLimiter()
 * await rateLimiter.hit('exchange:user-1', { limit: 10, windowMs: 600_000 })
 * // { allowed: true, remaining: 9, retryAfterMs: 0 }
 * ```
 */
export function memoryRateLimiter(options: MemoryRateLimiterOptions = {}): RateLimiter {
  const now = options.now ?? Date.now
  const tats = new Map<string, number>()
  let nextSweep = 0

  const sweep = (time: number) => {
    if (time < nextSweep) return
    for (const [key, tat] of tats) if (tat <= time) tats.delete(key)
    nextSweep = time + 60_000
  }

  return {
    async hit(key, limit) {
      const checked = checkRateLimit(limit, 'memoryRateLimiter')
      const time = now()
      sweep(time)
      const step = gcraStep(tats.get(key), time, checked)
      if (step.tat !== undefined) tats.set(key, step.tat)
      return step.result
    },
  }
}
