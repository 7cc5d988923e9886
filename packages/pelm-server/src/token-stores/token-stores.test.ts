import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { createStorage } from 'unstorage'
import fsDriver from 'unstorage/drivers/fs'
import { afterAll, describe, expect, it } from 'vitest'
import { encryptedTokenStore } from './encrypted'
import { memoryTokenStore } from './memory'
import { tokenStoreContract } from './token-store-contract'
import { unstorageTokenStore } from './unstorage'

const KEY = btoa(String.fromCharCode(...new Uint8Array(32).fill(7)))
const directories: string[] = []
const fsStorage = async () => {
  const base = await mkdtemp(join(tmpdir(), 'pelm-tokens-'))
  directories.push(base)
  return { base, storage: createStorage({ driver: fsDriver({ base }) }) }
}
afterAll(() => Promise.all(directories.map((dir) => rm(dir, { recursive: true, force: true }))))

tokenStoreContract('memoryTokenStore', () => memoryTokenStore())
tokenStoreContract('unstorageTokenStore (memory driver)', () =>
  unstorageTokenStore(createStorage()),
)
tokenStoreContract('unstorageTokenStore (fs driver)', async () =>
  unstorageTokenStore((await fsStorage()).storage),
)
tokenStoreContract('encryptedTokenStore over memory', () =>
  encryptedTokenStore(memoryTokenStore(), { keys: [KEY] }),
)
tokenStoreContract('encryptedTokenStore over unstorage fs', async () =>
  encryptedTokenStore(unstorageTokenStore((await fsStorage()).storage), { keys: [KEY] }),
)

describe('unstorageTokenStore', () => {
  it('keys records by a hash of the user id, under the prefix', async () => {
    const storage = createStorage()
    await unstorageTokenStore(storage, { prefix: 'app:pelm' }).set('user@example.com', {
      accessToken: 'at',
      connectedAt: new Date(0).toISOString(),
    })
    const keys = await storage.getKeys()
    expect(keys).toHaveLength(1)
    expect(keys[0]).toMatch(/^app:pelm:[0-9a-f]{64}$/)
  })

  it('refuses a corrupt stored value', async () => {
    const storage = createStorage()
    const store = unstorageTokenStore(storage)
    await store.set('u', { accessToken: 'at', connectedAt: new Date(0).toISOString() })
    for (const key of await storage.getKeys()) await storage.setItem(key, { accessToken: 42 })
    await expect(store.get('u')).rejects.toMatchObject({
      name: 'TokenStoreError',
      code: 'invalid_record',
    })
  })

  it('refuses something that is not a storage', () => {
    expect(() => unstorageTokenStore({} as never)).toThrow(/unstorage Storage/)
  })
})

describe('encryptedTokenStore at rest', () => {
  it('leaves no plaintext token in the raw files', async () => {
    const { base, storage } = await fsStorage()
    const store = encryptedTokenStore(unstorageTokenStore(storage), { keys: [KEY] })
    const token = 'at_plaintext_0123456789'
    await store.set('user-1', { accessToken: token, connectedAt: new Date(0).toISOString() })
    const files = await readdir(base, { recursive: true, withFileTypes: true })
    const contents = await Promise.all(
      files
        .filter((file) => file.isFile())
        .map((file) => readFile(join(file.parentPath, file.name), 'utf8')),
    )
    expect(contents.length).toBe(1)
    expect(contents[0]).toContain('pelm-enc:v1:')
    expect(contents.join('')).not.toContain(token)
    expect((await store.get('user-1'))?.accessToken).toBe(token)
  })
})
