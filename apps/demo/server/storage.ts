import { join } from 'node:path'
import { createStorage, type Storage } from 'unstorage'
import redisDriver from 'unstorage/drivers/redis'
import { atomicFsDriver } from './atomic-fs-driver'
import type { DemoConfig } from './config'
import { ensureDataDir } from './secrets'

/**
 * Where the demo keeps what outlives a restart: the connections and, in sandbox mode, the
 * sandbox's Pelm Users. Files under `dataDir/store` (each write atomic), or Redis when
 * `REDIS_URL` is set.
 */
export function demoStorage(config: Pick<DemoConfig, 'dataDir' | 'redisUrl'>): Storage {
  if (config.redisUrl) {
    return createStorage({ driver: redisDriver({ url: config.redisUrl, base: 'pelm-demo' }) })
  }
  const base = join(config.dataDir, 'store')
  ensureDataDir(base)
  return createStorage({ driver: atomicFsDriver({ base, tmpDir: join(config.dataDir, 'tmp') }) })
}
