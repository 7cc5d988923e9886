/** How a kind of failure is retried. */
export interface RetryPolicy {
  /** Retries after the first attempt (0–10). */
  retries?: number
  /** The first delay's upper bound, in ms; it doubles per retry. */
  baseDelayMs?: number
  /** No delay exceeds this, in ms. */
  maxDelayMs?: number
}

export type ResolvedRetryPolicy = Required<RetryPolicy>

/** Full jitter: a random delay up to `baseDelayMs · 2^retry`, capped at `maxDelayMs`. */
export function backoffDelay(policy: ResolvedRetryPolicy, retry: number): number {
  const ceiling = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** retry)
  return Math.round(Math.random() * ceiling)
}

export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms))
}
