import Redis from 'ioredis'
import { createStorage, type Storage } from 'unstorage'
import redisDriver from 'unstorage/drivers/redis'
import { afterAll, beforeAll } from 'vitest'
import { type RunningRedis, startRedis } from './redis'

/**
 * A private Redis for one test file: started before its tests, stopped after them with every
 * client and storage handed out. Each `namespace()` is a fresh key prefix, so tests sharing the
 * server stay apart without cleaning.
 */
export function redisFixture() {
  let redis: RunningRedis | undefined
  const clients: Redis[] = []
  const storages: Storage[] = []
  let namespaces = 0
  beforeAll(async () => {
    redis = await startRedis()
  })
  afterAll(async () => {
    await Promise.all(storages.map((storage) => storage.dispose()))
    await Promise.all(clients.map((client) => client.quit()))
    await redis?.stop()
  })
  const url = () => {
    if (!redis) throw new Error('redisFixture: Redis is not started yet (use it inside tests)')
    return redis.url
  }
  return {
    url,
    namespace: () => `t${++namespaces}`,
    /** A client of its own, as a separate server instance would hold. */
    client(): Redis {
      const client = new Redis(url())
      clients.push(client)
      return client
    },
    /** unstorage's Redis driver under a key prefix of its own. */
    storage(base = `t${++namespaces}`): Storage {
      const storage = createStorage({ driver: redisDriver({ url: url(), base }) })
      storages.push(storage)
      return storage
    },
  }
}
