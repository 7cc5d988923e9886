import type { ConnectionRecord, ConnectionStore } from '@acme/pelm-server'

/** A connection store that also says which users were written, how often, and what was deleted. */
export interface ObservedConnectionStore extends ConnectionStore {
  /** Successful `set` calls, in order. */
  readonly writes: { userId: string; record: ConnectionRecord }[]
  /** Successful `delete` calls, in order. */
  readonly deletes: { userId: string; connectionId: string }[]
  /** Every user id ever written. */
  users(): string[]
}

/** Wraps a connection store to observe its writes, so tests can audit every record afterwards. */
export function observeConnectionStore(store: ConnectionStore): ObservedConnectionStore {
  const writes: ObservedConnectionStore['writes'] = []
  const deletes: ObservedConnectionStore['deletes'] = []
  return {
    writes,
    deletes,
    users: () => [...new Set(writes.map((write) => write.userId))],
    list: (userId) => store.list(userId),
    get: (userId, connectionId) => store.get(userId, connectionId),
    async set(userId, record) {
      await store.set(userId, record)
      writes.push({ userId, record })
    },
    async delete(userId, connectionId) {
      await store.delete(userId, connectionId)
      deletes.push({ userId, connectionId })
    },
  }
}
