import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { createStorage } from 'unstorage'
import fsDriver from 'unstorage/drivers/fs'
import { afterAll, describe, expect, it } from 'vitest'
import { connectionStoreContract } from '../testing'
import { encryptedConnectionStore } from './encrypted'
import { memoryConnectionStore } from './memory'
import { unstorageConnectionStore } from './unstorage'

const KEY = btoa(String.fromCharCode(...new Uint8Array(32).fill(7)))
const directories: string[] = []
const fsStorage = async () => {
  const base = await mkdtemp(join(tmpdir(), 'pelm-connections-'))
  directories.push(base)
  return { base, storage: createStorage({ driver: fsDriver({ base }) }) }
}
afterAll(() => Promise.all(directories.map((dir) => rm(dir, { recursive: true, force: true }))))

/** A record of connection `c1` holding `accessToken`. */
const holding = (accessToken: string) => ({
  id: 'c1',
  pelmUserId: 'p1',
  accessToken,
  connectedAt: new Date(0).toISOString(),
})

const suites = {
  memoryConnectionStore: () => memoryConnectionStore(),
  'unstorageConnectionStore (memory driver)': () => unstorageConnectionStore(createStorage()),
  'unstorageConnectionStore (fs driver)': async () =>
    unstorageConnectionStore((await fsStorage()).storage),
  'encryptedConnectionStore over memory': () =>
    encryptedConnectionStore(memoryConnectionStore(), { keys: [KEY] }),
  'encryptedConnectionStore over unstorage fs': async () =>
    encryptedConnectionStore(unstorageConnectionStore((await fsStorage()).storage), {
      keys: [KEY],
    }),
}
for (const [name, makeStore] of Object.entries(suites)) {
  connectionStoreContract({ name, makeStore, describe, it })
}

describe('unstorageConnectionStore', () => {
  it('keys records by hashes of the user and connection ids, under the prefix', async () => {
    const storage = createStorage()
    await unstorageConnectionStore(storage, { prefix: 'app:pelm' }).set('user@example.com', {
      id: 'c1',
      pelmUserId: 'p1',
      accessToken: 'at',
      connectedAt: new Date(0).toISOString(),
    })
    const keys = await storage.getKeys()
    expect(keys).toEqual([expect.stringMatching(/^app:pelm:[0-9a-f]{64}:[0-9a-f]{64}$/)])
    expect(keys.join()).not.toContain('user@example.com')
  })

  it('lists what it stored under a prefix unstorage rewrites (`/`, a trailing `:`)', async () => {
    for (const prefix of ['app/pelm', 'app:pelm:', ':pelm', 'app\\pelm', '']) {
      const store = unstorageConnectionStore(createStorage(), { prefix })
      const record = {
        id: 'c1',
        pelmUserId: 'p1',
        accessToken: 'at',
        connectedAt: new Date(0).toISOString(),
      }
      await store.set('u', record)
      expect(await store.get('u', 'c1'), prefix).toEqual(record)
      expect(await store.list('u'), prefix).toEqual([record])
    }
  })

  it('refuses a prefix with `?`: unstorage cuts keys there, every record would share one key', () => {
    for (const prefix of ['app?', 'pelm:connections?x']) {
      expect(() => unstorageConnectionStore(createStorage(), { prefix }), prefix).toThrow(/prefix/)
    }
  })

  it('refuses a corrupt stored value', async () => {
    const storage = createStorage()
    const store = unstorageConnectionStore(storage)
    await store.set('u', {
      id: 'c1',
      pelmUserId: 'p1',
      accessToken: 'at',
      connectedAt: new Date(0).toISOString(),
    })
    for (const key of await storage.getKeys()) await storage.setItem(key, { accessToken: 42 })
    await expect(store.list('u')).rejects.toMatchObject({
      name: 'ConnectionStoreError',
      code: 'invalid_record',
    })
  })

  it('reads a torn file as invalid_record, its access token kept out of the error', async () => {
    const { base, storage } = await fsStorage()
    const store = unstorageConnectionStore(storage)
    const token = 'at_plaintext_torn_0123456789'
    await store.set('u', holding(token))
    const [file] = (await readdir(base, { recursive: true, withFileTypes: true })).filter((each) =>
      each.isFile(),
    )
    if (!file) throw new Error('no file written')
    const path = join(file.parentPath, file.name)
    // two overlapping writes of the fs driver, or a hand edit: the JSON ends half-way
    const text = await readFile(path, 'utf8')
    await writeFile(path, text.slice(0, -10))
    const error = await store.list('u').catch((caught: unknown) => caught)
    expect(error).toMatchObject({ name: 'ConnectionStoreError', code: 'invalid_record' })
    expect(String((error as Error).message)).not.toContain(token)
    expect((error as Error).message).toMatch(/invalid/)
  })

  it('refuses something that is not a storage', () => {
    expect(() => unstorageConnectionStore({} as never)).toThrow(/unstorage Storage/)
  })
})

describe('encryptedConnectionStore at rest', () => {
  it('leaves no plaintext token in the raw files', async () => {
    const { base, storage } = await fsStorage()
    const store = encryptedConnectionStore(unstorageConnectionStore(storage), { keys: [KEY] })
    const token = 'at_plaintext_0123456789'
    await store.set('user-1', holding(token))
    const files = await readdir(base, { recursive: true, withFileTypes: true })
    const contents = await Promise.all(
      files
        .filter((file) => file.isFile())
        .map((file) => readFile(join(file.parentPath, file.name), 'utf8')),
    )
    expect(contents).toHaveLength(1)
    expect(contents[0]).toContain('pelm-enc:v2:')
    expect(contents.join('')).not.toContain(token)
    expect((await store.get('user-1', 'c1'))?.accessToken).toBe(token)
  })
})
