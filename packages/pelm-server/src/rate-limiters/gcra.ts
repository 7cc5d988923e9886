import type { RateLimit, RateLimitResult } from '../rate-limit'

/** One GCRA step: the answer, and the key's new theoretical arrival time (unchanged if refused). */
export interface GcraStep {
  result: RateLimitResult
  /** The value to store (whole ms); `undefined` when the hit was refused and nothing changes. */
  tat: number | undefined
  /** How long the stored value matters, in ms: after that the key is as if new. */
  ttlMs: number
}

/**
 * GCRA: each hit moves the key's theoretical arrival time (TAT) one emission interval later; a
 * hit is allowed while the TAT stays within `limit` intervals of now. The interval is
 * `windowMs / limit` rounded up to whole ms, so every value is an integer and exact (fractions
 * of 1.7e12 ms lose the limit-th hit to rounding); a refill is at most `limit - 1` ms slower per
 * window than asked. The same arithmetic runs inside Redis as Lua (./redis-script.ts).
 */
export function gcraStep(storedTat: number | undefined, time: number, limit: RateLimit): GcraStep {
  const now = Math.floor(time)
  const interval = Math.ceil(limit.windowMs / limit.limit)
  const tat = Math.max(storedTat ?? now, now) + interval
  const allowAt = tat - interval * limit.limit
  if (allowAt > now) {
    return {
      result: { allowed: false, remaining: 0, retryAfterMs: allowAt - now },
      tat: undefined,
      ttlMs: 0,
    }
  }
  return {
    result: { allowed: true, remaining: Math.floor((now - allowAt) / interval), retryAfterMs: 0 },
    tat,
    ttlMs: tat - now,
  }
}
