import type { TokenRecord, TokenStore } from '@acme/pelm-server'

/** A token store that also says which users were ever written, and how often. */
export interface ObservedTokenStore extends TokenStore {
  /** Successful `set` calls, in order. */
  readonly writes: { userId: string; record: TokenRecord }[]
  /** Every user id ever written. */
  users(): string[]
}

/** Wraps a token store to observe its writes, so tests can audit every record afterwards. */
export function observeTokenStore(store: TokenStore): ObservedTokenStore {
  const writes: ObservedTokenStore['writes'] = []
  return {
    writes,
    users: () => [...new Set(writes.map((write) => write.userId))],
    get: (userId) => store.get(userId),
    async set(userId, record) {
      await store.set(userId, record)
      writes.push({ userId, record })
    },
    delete: (userId) => store.delete(userId),
  }
}
