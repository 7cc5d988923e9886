import { parseTokenRecord, type TokenRecord, type TokenStore } from '../token-store'

/**
 * A token store in this process's memory: for tests, demos and single-instance development.
 * Everything is lost on restart.
 *
 * @example
 * ```ts
 * import { memoryTokenStore } from '@acme/pelm-server'
 * const tokenStore = memoryTokenStore()
 * ```
 */
export function memoryTokenStore(): TokenStore {
  const records = new Map<string, TokenRecord>()
  return {
    async get(userId) {
      const record = records.get(userId)
      return record && parseTokenRecord(record)
    },
    async set(userId, record) {
      records.set(userId, parseTokenRecord(record))
    },
    async delete(userId) {
      records.delete(userId)
    },
  }
}
