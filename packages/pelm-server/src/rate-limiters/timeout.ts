/**
 * How long a shared limiter waits for its backend by default: a Redis client with Redis down
 * queues and retries for tens of seconds (ioredis: 20 retries, 10 to 33 s measured), and the
 * routes fail open only once `hit` rejects. Internal.
 */
export const DEFAULT_LIMITER_TIMEOUT_MS = 1_000

/** Checks a `timeoutMs` option: a positive finite number of ms; throws a `TypeError` naming the owner. */
export function checkTimeout(value: unknown, owner: string): number {
  if (value === undefined) return DEFAULT_LIMITER_TIMEOUT_MS
  if (typeof value !== 'number' || !Number.isFinite(value) || value <= 0) {
    throw new TypeError(
      `${owner}: timeoutMs must be a positive number of ms; got ${JSON.stringify(value)}.`,
    )
  }
  return value
}

/**
 * Answers `task`'s outcome, or rejects with an `Error` of `message` once `ms` passed first. The
 * task itself runs on (a command already queued in a client cannot be taken back): for a rate
 * limiter that costs at most one extra counted hit.
 */
export function withTimeout<T>(task: Promise<T>, ms: number, message: string): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined
  const late = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(message)), ms)
  })
  return Promise.race([task, late]).finally(() => clearTimeout(timer))
}
