import { join } from 'node:path'
import { createStorage, type Storage } from 'unstorage'
import redisDriver from 'unstorage/drivers/redis'
import { atomicFsDriver } from './atomic-fs-driver'
import { ConfigError, type DemoConfig } from './config'
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

/** What `checkRedis` needs of the unstorage Redis driver: its ioredis client. */
interface RedisClient {
  ping(): Promise<unknown>
  on(event: 'error', listener: (error: Error) => void): unknown
  off(event: 'error', listener: (error: Error) => void): unknown
  disconnect(): void
}

/**
 * With `REDIS_URL`, waits until Redis answers a PING; after `timeoutMs` without an answer, a
 * {@link ConfigError} naming the variable (with any password hidden) and the last connection
 * error. Without it, Redis at the wrong address kept the demo "Starting…" for ever while ioredis
 * printed a stack trace at each retry. Resolves at once for files.
 *
 * @example
 * ```ts
 * await checkRedis(storage, config.redisUrl)
 * ```
 */
export async function checkRedis(
  storage: Storage,
  redisUrl: string | undefined,
  timeoutMs = 5_000,
): Promise<void> {
  if (!redisUrl) return
  const driver = storage.getMount('').driver as { getInstance?: () => RedisClient }
  const client = driver.getInstance?.()
  if (!client) return
  let lastError: Error | undefined
  const onError = (error: Error) => {
    lastError = error
  }
  // also keeps ioredis from printing "Unhandled error event" while it retries
  client.on('error', onError)
  let timer: ReturnType<typeof setTimeout> | undefined
  try {
    await Promise.race([
      client.ping(),
      new Promise((_, reject) => {
        timer = setTimeout(() => reject(new Error('timeout')), timeoutMs)
      }),
    ])
  } catch {
    client.disconnect()
    const shown = new URL(redisUrl)
    if (shown.password) shown.password = '***'
    const reason = (lastError as NodeJS.ErrnoException | undefined)?.code ?? lastError?.message
    throw new ConfigError(
      `REDIS_URL: ${shown.href.replace(/\/$/, '')} did not answer within ${timeoutMs / 1000} s${reason ? ` (${reason})` : ''}. Start Redis there, or unset REDIS_URL to keep the data in files under DATA_DIR.`,
    )
  } finally {
    clearTimeout(timer)
    client.off('error', onError)
  }
}
