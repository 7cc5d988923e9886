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
// tokens: with encryptedConnectionStore the driver only ever holds ciphertext (AES-256-GCM, the
// app user, connection and Pelm user ids as associated data), under keys that name no user.
// Keys rotate as documented: the first key encrypts, every listed key decrypts; a record no listed
// key opens is refused (ConnectionStoreError `decryption_failed`, answered as 500 internal_error
// without details).

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

/** The key id inside each stored ciphertext (`pelm-enc:v2:<key id>:…`). */
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
    for (const user of users) await h.connection(user)
    const files = readTree(dir)
    const needles = [
      ...accessTokenNeedles(h.issuedTokens()),
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
    for (const user of users) expect(await h.list(user)).toHaveLength(1)
  })

  it('rotates keys: old records stay readable, rewrites use the new key, dropping the old key is safe once rewritten', async () => {
    const secrets = createSecrets()
    const oldKey = secrets.tokenKey
    const newKey = createSecrets().tokenKey
    const first = createHarness({ store: 'encrypted', secrets })
    const users = ['ana', 'ben', 'cy', 'dee']
    const ids = new Map<string, string>()
    for (const user of users) ids.set(user, (await first.connection(user)).id)
    const shared = {
      store: 'encrypted' as const,
      secrets,
      sandbox: first.mock,
      storage: first.storage,
    }
    const checks = checklist('key rotation (new key first, old key dropped)')
    const connected = async (h: Harness, user: string) => {
      const response = await h.request('GET', '/connections', { user })
      const body = (await response.json()) as { connections?: { id: string }[] }
      return response.status === 200 && body.connections?.[0]?.id === ids.get(user)
    }

    // Rotation: [new, old]. Every old record reads; reconnecting rewrites with the new key.
    const [oldId] = await keyIds(first)
    const rotated = createHarness({ ...shared, tokenKeys: [newKey, oldKey] })
    for (const user of users)
      checks.add(`${user} readable after rotation`, await connected(rotated, user))
    for (const user of ['ana', 'ben']) {
      // Reconnecting renews the same connection: its record is written again, with the new key.
      const renewed = await rotated.connection(user, { body: { connectionId: ids.get(user) } })
      checks.add(`${user} reconnects after rotation`, renewed.id === ids.get(user))
    }
    const keyIdsNow = await keyIds(rotated)
    checks.add('rewrites use the new key', keyIdsNow.filter((id) => id !== oldId).length === 2)
    checks.add('the others keep the old key', keyIdsNow.filter((id) => id === oldId).length === 2)

    // Old key dropped: rewritten records read; the others fail closed, as documented, and can
    // be repaired by connecting again.
    const dropped = createHarness({ ...shared, tokenKeys: [newKey] })
    for (const user of ['ana', 'ben']) {
      checks.add(`${user} readable with the new key alone`, await connected(dropped, user))
    }
    const stale = await dropped.request('GET', '/connections', { user: 'cy' })
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
      logged?.error?.name === 'ConnectionStoreError' &&
        /key that is not configured/.test(logged.error.message),
    )
    checks.add('other users are unaffected', await connected(dropped, 'ana'))
    // The operator's way back: the old key listed again (the record was never touched).
    const restored = createHarness({ ...shared, tokenKeys: [newKey, oldKey] })
    checks.add('putting the old key back repairs it', await connected(restored, 'cy'))
    expect(checks.done()).toEqual([])
  })

  it('refuses to read records with a wrong key, without damaging them', async () => {
    const secrets = createSecrets()
    const first = createHarness({ store: 'encrypted', secrets })
    const { id } = await first.connection('ana')
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
    const sent = wrong.upstreamTotal()
    for (const [method, path] of [
      ['GET', '/connections'],
      ['DELETE', `/connections/${id}`],
    ] as const) {
      const answer = await wrong.request(method, path, { user: 'ana' })
      checks.add(
        `${method} answers 500 internal_error`,
        answer.status === 500 && (await errorOf(answer))?.code === 'internal_error',
      )
    }
    const read = await wrong.store.get('ana', id).catch((thrown: { code?: string }) => thrown.code)
    checks.add('the store throws decryption_failed', read === 'decryption_failed')
    checks.add('nothing was sent to Pelm for it', wrong.upstreamTotal() === sent)
    checks.add(
      'the stored record is untouched',
      JSON.stringify(await first.storage.getItem(key ?? '')) === stored,
    )
    checks.add(
      'the right key still opens it',
      (await first.store.get('ana', id))?.accessToken !== undefined,
    )
    expect(checks.done()).toEqual([])
  })
})
