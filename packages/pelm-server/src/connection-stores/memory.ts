import {
  byConnectedAt,
  type ConnectionRecord,
  type ConnectionStore,
  parseConnectionRecord,
} from '../connection-store'

/**
 * A connection store in this process's memory: for tests, demos and single-instance development.
 * Everything is lost on restart.
 *
 * @example
 * ```ts
 * import { memoryConnectionStore } from '@acme/pelm-server'
 * const connectionStore = memoryConnectionStore()
 * ```
 */
export function memoryConnectionStore(): ConnectionStore {
  const users = new Map<string, Map<string, ConnectionRecord>>()
  const copy = (record: ConnectionRecord) => parseConnectionRecord(record)
  return {
    async list(userId) {
      return [...(users.get(userId)?.values() ?? [])].map(copy).sort(byConnectedAt)
    },
    async get(userId, connectionId) {
      const record = users.get(userId)?.get(connectionId)
      return record && copy(record)
    },
    async set(userId, record) {
      const checked = copy(record)
      const connections = users.get(userId) ?? new Map<string, ConnectionRecord>()
      connections.set(checked.id, checked)
      users.set(userId, connections)
    },
    async delete(userId, connectionId) {
      const connections = users.get(userId)
      connections?.delete(connectionId)
      if (connections?.size === 0) users.delete(userId)
    },
  }
}
