/**
 * Runs tasks of one key one after another, tasks of different keys side by side: for stores
 * over backends without compare-and-set (unstorage), so at least this process never races
 * with itself. A task that fails does not stop the next one. Internal.
 *
 * @example
 * ```ts
 * const serialize = keyedQueue()
 * await serialize('pelm:used:abc', () => claimOnce('pelm:used:abc'))
 * ```
 */
export function keyedQueue(): <T>(key: string, task: () => Promise<T>) => Promise<T> {
  const tails = new Map<string, Promise<unknown>>()
  return async (key, task) => {
    const previous = tails.get(key) ?? Promise.resolve()
    const current = previous.catch(() => {}).then(task)
    tails.set(key, current)
    try {
      return await current
    } finally {
      if (tails.get(key) === current) tails.delete(key)
    }
  }
}
