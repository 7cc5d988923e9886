import {
  type ConnectionStore,
  encryptedConnectionStore,
  memoryConnectionStore,
  memoryReplayStore,
  type ReplayStore,
  redisReplayStore,
  unstorageConnectionStore,
} from '@acme/pelm-server'
import Redis from 'ioredis'
import { createStorage } from 'unstorage'
import redisDriver from 'unstorage/drivers/redis'

export interface Stores {
  connectionStore: ConnectionStore
  replayStore: ReplayStore
  close(): Promise<void>
}

/**
 * With Redis, every instance shares the connections (access tokens encrypted at rest) and the
 * used-state and used-code markers (atomic `SET NX` with a TTL), so any instance can finish a
 * connection another one started, list it and delete it. Without it, this process's memory: fine
 * for one instance in development.
 */
export function createStores(redis: { url: string; tokenKey: string } | undefined): Stores {
  if (!redis) {
    return {
      connectionStore: memoryConnectionStore(),
      replayStore: memoryReplayStore(),
      close: async () => {},
    }
  }
  const storage = createStorage({ driver: redisDriver({ url: redis.url }) })
  const client = new Redis(redis.url)
  return {
    connectionStore: encryptedConnectionStore(unstorageConnectionStore(storage), {
      keys: [redis.tokenKey],
    }),
    replayStore: redisReplayStore(client),
    async close() {
      await storage.dispose()
      client.disconnect()
    },
  }
}
