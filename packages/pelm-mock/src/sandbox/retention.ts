/**
 * How much of one kind of record the sandbox keeps: at most `maxEntries` of them, none older than
 * `maxAgeMs` (measured on the sandbox's clock from when the record was made).
 *
 * @example
 * ```ts
 * import { createPelmMock, type Retention } from '@acme/pelm-mock'
 *
 * const shortLog: Retention = { maxEntries: 100, maxAgeMs: 10 * 60_000 }
 * const mock = createPelmMock({ requestLog: shortLog })
 * ```
 */
export interface Retention {
  maxEntries: number
  maxAgeMs: number
}

/** The request log's default: the last 1,000 requests of the last hour. */
export const DEFAULT_REQUEST_LOG_RETENTION: Retention = { maxEntries: 1_000, maxAgeMs: 3_600_000 }

/** The default for connect tokens, codes, Connect sessions and deleted users (each kind). */
export const DEFAULT_RECORD_RETENTION: Retention = { maxEntries: 10_000, maxAgeMs: 3_600_000 }

/**
 * Forgets the oldest entries of a map (in insertion order) while it holds more than
 * `maxEntries`, or while the oldest was made `maxAgeMs` ago or earlier. The sandbox inserts
 * records as it makes them, so insertion order is age order and pruning stops at the first
 * entry worth keeping: the cost is the number of entries forgotten.
 */
export function pruneOldest<K, V>(
  map: Map<K, V>,
  retention: Retention,
  now: number,
  madeAt: (value: V) => number,
): void {
  for (const [key, value] of map) {
    if (map.size <= retention.maxEntries && madeAt(value) > now - retention.maxAgeMs) return
    map.delete(key)
  }
}

/** The same for an array kept oldest first, such as the request log; trims it in place. */
export function pruneOldestEntries<T>(
  entries: T[],
  retention: Retention,
  now: number,
  madeAt: (entry: T) => number,
): void {
  const excess = entries.length - retention.maxEntries
  const firstKept = entries.findIndex(
    (entry, index) => index >= excess && madeAt(entry) > now - retention.maxAgeMs,
  )
  const drop = firstKept === -1 ? entries.length : firstKept
  if (drop > 0) entries.splice(0, drop)
}
