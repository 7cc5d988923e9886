import { describe, expect, it } from 'vitest'
import { ConfigError } from './config'
import { checkRedis, demoStorage } from './storage'
import { tempDir } from './test-support'

// REDIS_URL pointing at nothing: the demo never started (the page answered "Starting…" for ever)
// while ioredis printed "Unhandled error event" and a stack trace every few hundred ms.
describe('Redis that does not answer at start', () => {
  it('is a ConfigError naming REDIS_URL (its password hidden), within the timeout', async () => {
    const redisUrl = 'redis://:hunter2@127.0.0.1:1'
    const storage = demoStorage({ dataDir: tempDir(), redisUrl })
    const started = Date.now()
    const check = checkRedis(storage, redisUrl, 1_000)
    await expect(check).rejects.toThrow(ConfigError)
    await expect(check).rejects.toThrow(
      /^REDIS_URL: redis:\/\/:\*\*\*@127\.0\.0\.1:1 did not answer/,
    )
    await expect(check).rejects.not.toThrow('hunter2')
    expect(Date.now() - started).toBeLessThan(3_000)
  })

  it('does nothing for files', async () => {
    await expect(checkRedis(demoStorage({ dataDir: tempDir() }), undefined)).resolves.toBe(
      undefined,
    )
  })
})
