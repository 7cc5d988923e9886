import { chmodSync, readdirSync, readFileSync, statSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { loadOrCreateSecret } from './secrets'
import { tempDir } from './test-support'
import { createTokenStore, ENCRYPTION_KEY_FILE, tokenStorage } from './token-store'

const record = { accessToken: 'access-token-of-ada', connectedAt: '2026-01-01T00:00:00.000Z' }

describe('the token store', () => {
  it('generates the encryption key on first use, readable by its owner only (0600)', () => {
    const dataDir = tempDir()
    createTokenStore({ dataDir })
    const file = join(dataDir, ENCRYPTION_KEY_FILE)
    expect(statSync(file).mode & 0o777).toBe(0o600)
    expect(Buffer.from(readFileSync(file, 'utf8').trim(), 'base64')).toHaveLength(32)
    expect(statSync(dataDir).mode & 0o777).toBe(0o700)
  })

  it('keeps the key across restarts and tightens a widened key file', () => {
    const dataDir = tempDir()
    const first = loadOrCreateSecret(dataDir, ENCRYPTION_KEY_FILE)
    chmodSync(join(dataDir, ENCRYPTION_KEY_FILE), 0o644)
    expect(loadOrCreateSecret(dataDir, ENCRYPTION_KEY_FILE)).toBe(first)
    expect(statSync(join(dataDir, ENCRYPTION_KEY_FILE)).mode & 0o777).toBe(0o600)
  })

  it('stores tokens in files, encrypted at rest, readable after a restart', async () => {
    const dataDir = tempDir()
    await createTokenStore({ dataDir }).set('demo:ada', record)
    const files = readdirSync(join(dataDir, 'tokens'), { recursive: true, withFileTypes: true })
      .filter((entry) => entry.isFile())
      .map((entry) => readFileSync(join(entry.parentPath, entry.name), 'utf8'))
    expect(files).toHaveLength(1)
    expect(files[0]).not.toContain(record.accessToken)
    expect(files[0]).toContain('pelm-enc:v1:')
    expect(await createTokenStore({ dataDir }).get('demo:ada')).toEqual(record)
  })

  it('uses TOKEN_ENCRYPTION_KEY when given, and writes no key file', async () => {
    const dataDir = tempDir()
    const tokenEncryptionKey = Buffer.alloc(32, 1).toString('base64')
    await createTokenStore({ dataDir, tokenEncryptionKey }).set('demo:ada', record)
    expect(readdirSync(dataDir)).not.toContain(ENCRYPTION_KEY_FILE)
    await expect(createTokenStore({ dataDir }).get('demo:ada')).rejects.toThrow()
  })

  it('picks the Redis driver when REDIS_URL is set (connecting on first use)', () => {
    const storage = tokenStorage({ dataDir: tempDir(), redisUrl: 'redis://127.0.0.1:1' })
    expect(storage.getMount('').driver.name).toBe('redis')
  })
})
