import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { createStorage } from 'unstorage'
import fsDriver from 'unstorage/drivers/fs'
import { afterEach, describe, expect, it } from 'vitest'
import { createHarness, errorOf, type Harness } from './harness/app'
import { checklist } from './harness/checklist'
import { accessTokenNeedles, createSecrets, findSecrets, secretNeedles } from './harness/secrets'
import { record } from './harness/tally'

// A compromised storage (a database dump, a disk, a Redis snapshot) must not give away access
// tokens: with encryptedTokenStore the driver only ever holds ciphertext. Keys rotate as
// documented: the first key encrypts, every listed key decrypts; a record no listed key opens is
// refused (TokenStoreError `decryption_failed`, answered as 500 internal_error without details).

const dirs: string[] = []
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true })
})

/** Every file under `dir`, read as raw bytes (what an attacker with the disk reads). */
function readTree(dir: string): { path: string; text: string }[] {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => {
      const path = join(entry.parentPath, entry.name)
      return { path: path.slice(dir.length), text: readFileSync(path).toString('latin1') }
    })
}

/** The key id inside each stored ciphertext (`pelm-enc:v1:<key id>:…`). */
const keyIds = async (h: Harness) => {
  const values = await Promise.all((await h.storage.getKeys()).map((key) => h.storage.getItem(key)))
  return values.map((value) => (value as { accessToken: string }).accessToken.split(':')[2])
}

describe('tokens at rest', () => {
  it('leaves no plaintext token, user id or key on disk (unstorage fs driver + encryption)', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'pelm-at-rest-'))
    dirs.push(dir)
    const h = createHarness({
      store: 'encrypted',
      storage: createStorage({ driver: fsDriver({ base: dir }) }),
    })
    const users = Array.from({ length: 20 }, (_, index) => `tenant-${index}@example.com`)
    for (const user of users) expect((await h.connect(user)).status).toBe(200)
    const files = readTree(dir)
    const needles = [
      ...accessTokenNeedles(h.mock),
      ...secretNeedles(h.secrets),
      ...users.map((user) => ({ label: `user id ${user}`, value: user })),
    ]
    const found = files.flatMap((file) => findSecrets(`${file.path}\n${file.text}`, needles))
    record({
      category: 'secrets',
      name: 'raw token storage on disk (encrypted)',
      scanned: files.length,
      found: found.length,
    })
    expect(files).toHaveLength(users.length)
    expect(found).toEqual([])
    // …and the app still reads every connection back.
    for (const user of users) {
      const status = await h.request('GET', '/connection', { user })
      expect(await status.json()).toMatchObject({ connected: true })
    }
  })

  it('rotates keys: old records stay readable, rewrites use the new key, dropping the old key is safe once rewritten', async () => {
    const secrets = createSecrets()
    const oldKey = secrets.tokenKey
    const newKey = createSecrets().tokenKey
    const first = createHarness({ store: 'encrypted', secrets })
    const users = ['ana', 'ben', 'cy', 'dee']
    for (const user of users) expect((await first.connect(user)).status).toBe(200)
    const shared = {
      store: 'encrypted' as const,
      secrets,
      sandbox: first.mock,
      storage: first.storage,
    }
    const checks = checklist('key rotation (new key first, old key dropped)')
    const connected = async (h: Harness, user: string) =>
      ((await (await h.request('GET', '/connection', { user })).json()) as { connected?: boolean })
        .connected === true

    // Rotation: [new, old]. Every old record reads; reconnecting rewrites with the new key.
    const [oldId] = await keyIds(first)
    const rotated = createHarness({ ...shared, tokenKeys: [newKey, oldKey] })
    for (const user of users)
      checks.add(`${user} readable after rotation`, await connected(rotated, user))
    for (const user of ['ana', 'ben']) {
      checks.add(`${user} reconnects after rotation`, (await rotated.connect(user)).status === 200)
    }
    const ids = await keyIds(rotated)
    checks.add('rewrites use the new key', ids.filter((id) => id !== oldId).length === 2)
    checks.add('the others keep the old key', ids.filter((id) => id === oldId).length === 2)

    // Old key dropped: rewritten records read; the others fail closed, as documented, and can
    // be repaired by connecting again.
    const dropped = createHarness({ ...shared, tokenKeys: [newKey] })
    for (const user of ['ana', 'ben']) {
      checks.add(`${user} readable with the new key alone`, await connected(dropped, user))
    }
    const stale = await dropped.request('GET', '/connection', { user: 'cy' })
    const error = await errorOf(stale)
    checks.add(
      'a stale record answers 500 internal_error',
      stale.status === 500 && error?.code === 'internal_error',
    )
    checks.add(
      'without details',
      findSecrets(JSON.stringify(error), secretNeedles(secrets)).length === 0 &&
        !/decrypt|key/i.test(error?.message ?? ''),
    )
    const logged = dropped.events.find((event) => event.event === 'internal_error')
    checks.add(
      'the log says which key is missing',
      logged?.error?.name === 'TokenStoreError' &&
        /key that is not configured/.test(logged.error.message),
    )
    checks.add(
      'connecting again repairs it',
      (await dropped.connect('cy')).status === 200 && (await connected(dropped, 'cy')),
    )
    expect(checks.done()).toEqual([])
  })

  it('refuses to read records with a wrong key, without damaging them', async () => {
    const secrets = createSecrets()
    const first = createHarness({ store: 'encrypted', secrets })
    expect((await first.connect('ana')).status).toBe(200)
    const [key] = await first.storage.getKeys()
    const stored = JSON.stringify(await first.storage.getItem(key ?? ''))
    const wrong = createHarness({
      store: 'encrypted',
      secrets,
      sandbox: first.mock,
      storage: first.storage,
      tokenKeys: [createSecrets().tokenKey],
    })
    const checks = checklist('wrong key (fails closed, record intact)')
    const answer = await wrong.request('GET', '/connection', { user: 'ana' })
    checks.add(
      'answers 500 internal_error',
      answer.status === 500 && (await errorOf(answer))?.code === 'internal_error',
    )
    const read = await wrong.tokens.get('ana').catch((thrown: { code?: string }) => thrown.code)
    checks.add('the store throws decryption_failed', read === 'decryption_failed')
    checks.add(
      'the stored record is untouched',
      JSON.stringify(await first.storage.getItem(key ?? '')) === stored,
    )
    checks.add(
      'the right key still opens it',
      (await first.tokens.get('ana'))?.accessToken !== undefined,
    )
    checks.add(
      'the user can still disconnect',
      (await wrong.request('DELETE', '/connection', { user: 'ana' })).status === 204,
    )
    expect(checks.done()).toEqual([])
  })
})
