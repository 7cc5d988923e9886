import {
  encryptedTokenStore,
  memoryReplayStore,
  memoryTokenStore,
  type ReplayStore,
  redisReplayStore,
  type TokenStore,
  unstorageTokenStore,
} from '@acme/pelm-server'
import Redis from 'ioredis'
import { createStorage } from 'unstorage'
import redisDriver from 'unstorage/drivers/redis'

export interface Stores {
  tokenStore: TokenStore
  replayStore: ReplayStore
  close(): Promise<void>
}

/**
 * With Redis, every instance shares the access tokens (encrypted at rest) and the used-state and
 * used-code markers (atomic `SET NX` with a TTL), so any instance can finish a connection another
 * one started. Without it, this process's memory: fine for one instance in development.
 */
export function createStores(redis: { url: string; tokenKey: string } | undefined): Stores {
  if (!redis) {
    return {
      tokenStore: memoryTokenStore(),
      replayStore: memoryReplayStore(),
      close: async () => {},
    }
  }
  const storage = createStorage({ driver: redisDriver({ url: redis.url }) })
  const client = new Redis(redis.url)
  return {
    tokenStore: encryptedTokenStore(unstorageTokenStore(storage), { keys: [redis.tokenKey] }),
    replayStore: redisReplayStore(client),
    async close() {
      await storage.dispose()
      client.disconnect()
    },
  }
}
