import { chmodSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { createConnectionStore, ENCRYPTION_KEY_FILE } from './connection-store'
import { loadOrCreateSecret } from './secrets'
import { demoStorage } from './storage'
import { tempDir } from './test-support'

const record = {
  id: 'conn_1',
  pelmUserId: 'conn_1',
  accessToken: 'access-token-of-ada',
  connectedAt: '2026-01-01T00:00:00.000Z',
}
const storeIn = (dataDir: string, tokenEncryptionKey?: string) =>
  createConnectionStore({ dataDir, tokenEncryptionKey }, demoStorage({ dataDir }))

describe('the connection store', () => {
  it('generates the encryption key on first use, readable by its owner only (0600)', () => {
    const dataDir = tempDir()
    storeIn(dataDir)
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

  it('refuses a key file the store’s decoder would refuse, naming the file', () => {
    const dataDir = tempDir()
    const key = Buffer.alloc(32, 7).toString('base64')
    writeFileSync(join(dataDir, ENCRYPTION_KEY_FILE), `${key.slice(0, 42)}9=\n`, { mode: 0o600 })
    expect(() => storeIn(dataDir)).toThrow(
      new RegExp(`${ENCRYPTION_KEY_FILE} does not hold a usable secret.*delete it`),
    )
  })

  it('stores connections in files, encrypted at rest, readable after a restart', async () => {
    const dataDir = tempDir()
    await storeIn(dataDir).set('demo:ada', record)
    const files = readdirSync(join(dataDir, 'store'), { recursive: true, withFileTypes: true })
      .filter((entry) => entry.isFile())
      .map((entry) => readFileSync(join(entry.parentPath, entry.name), 'utf8'))
    expect(files).toHaveLength(1)
    expect(files[0]).not.toContain(record.accessToken)
    expect(await storeIn(dataDir).list('demo:ada')).toEqual([record])
  })

  it('uses TOKEN_ENCRYPTION_KEY when given, and writes no key file', async () => {
    const dataDir = tempDir()
    await storeIn(dataDir, Buffer.alloc(32, 1).toString('base64')).set('demo:ada', record)
    expect(readdirSync(dataDir)).not.toContain(ENCRYPTION_KEY_FILE)
    await expect(storeIn(dataDir).get('demo:ada', 'conn_1')).rejects.toThrow()
  })

  it('picks the Redis driver when REDIS_URL is set (connecting on first use)', () => {
    const storage = demoStorage({ dataDir: tempDir(), redisUrl: 'redis://127.0.0.1:1' })
    expect(storage.getMount('').driver.name).toBe('redis')
  })
})
