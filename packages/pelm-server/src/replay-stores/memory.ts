import type { ReplayStore } from '../replay-store'

/** Options of {@link memoryReplayStore}. */
export interface MemoryReplayStoreOptions {
  /** Default `Date.now`. */
  now?: () => number
}

/**
 * A replay store in this process's memory: atomic within the process, but not shared. Use a
 * shared store (`unstorageReplayStore` over Redis, or your own `SET NX`) with several instances.
 *
 * @example
 * ```ts
 * import { memoryReplayStore } from '@acme/pelm-server'
 * const replayStore = memoryReplayStore()
 * await replayStore.claim('state:abc', 60_000) // true
 * await replayStore.claim('state:abc', 60_000) // false
 * ```
 */
export function memoryReplayStore(options: MemoryReplayStoreOptions = {}): ReplayStore {
  const now = options.now ?? Date.now
  const claims = new Map<string, number>()
  let nextSweep = 0

  const sweep = (time: number) => {
    if (time < nextSweep) return
    for (const [key, expiresAt] of claims) if (expiresAt <= time) claims.delete(key)
    nextSweep = time + 60_000
  }

  return {
    async claim(key, ttlMs) {
      const time = now()
      sweep(time)
      const expiresAt = claims.get(key)
      if (expiresAt !== undefined && expiresAt > time) return false
      claims.set(key, time + ttlMs)
      return true
    },
  }
}
