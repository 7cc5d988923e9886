/** Runs `task` unless the task of `key` is still running; answers that one's outcome then. */
export type SingleFlight<T> = (key: string, task: () => Promise<T>) => Promise<T>

/**
 * Shares one running task per key: a call while the task of its key runs gets that task's
 * outcome instead of starting another; once it settles, the next call starts afresh. For work
 * that must happen once however many requests ask at the same moment (a Get user check, a
 * deletion at Pelm). In this process only. Internal.
 *
 * @example
 * ```ts
 * const checks = singleFlight<Connection>()
 * const connection = await checks(connectionKey(userId, id), () => check(userId, id))
 * ```
 */
export function singleFlight<T>(): SingleFlight<T> {
  const running = new Map<string, Promise<T>>()
  return (key, task) => {
    let current = running.get(key)
    if (!current) {
      current = task().finally(() => running.delete(key))
      running.set(key, current)
    }
    return current
  }
}

/** The key of one connection of one user: ids hold no NUL, so no two pairs share a key. */
export const connectionKey = (userId: string, connectionId: string) =>
  `${userId}\u0000${connectionId}`
