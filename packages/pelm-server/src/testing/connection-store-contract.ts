import assert from 'node:assert/strict'
import type { ConnectionRecord, ConnectionStore } from '../connection-store'
import type { ContractTestApi } from './test-api'

/** Options of {@link connectionStoreContract}. */
export interface ConnectionStoreContractOptions extends ContractTestApi {
  /** Names the suite, e.g. `'PostgreSQL store'`. */
  name: string
  /** A store to test; called once per test. Give each call an empty store, or unique user ids. */
  makeStore: () => ConnectionStore | Promise<ConnectionStore>
}

let sequence = 0
/** A user id no other test uses, so a shared database needs no cleaning between tests. */
const freshUser = (label: string) =>
  `${label}-${Date.now().toString(36)}-${(sequence++).toString(36)}-${Math.random().toString(36).slice(2)}`

const record = (id: string, extra: Partial<ConnectionRecord> = {}): ConnectionRecord => ({
  id,
  pelmUserId: `pelm-${id}`,
  accessToken: `at_${id}`,
  connectedAt: '2026-01-02T03:04:05.000Z',
  ...extra,
})

/**
 * The behaviour every {@link ConnectionStore} owes: run it against yours (over your database) to
 * know the routes can rely on it. Registers one `describe` with a dozen `it`s.
 *
 * @example
 * ```ts
 * // connection-store.test.ts, under Vitest (Jest and node:test work the same way)
 * import { describe, it } from 'vitest'
 * import { connectionStoreContract } from '@acme/pelm-server/testing'
 * import { myConnectionStore } from './my-connection-store'
 *
 * connectionStoreContract({ name: 'my store', makeStore: () => myConnectionStore(db), describe, it })
 * ```
 */
export function connectionStoreContract(options: ConnectionStoreContractOptions): void {
  const { describe, it, makeStore } = options
  describe(`${options.name}: ConnectionStore contract`, () => {
    it('answers nothing for a user without connections', async () => {
      const store = await makeStore()
      const user = freshUser('nobody')
      assert.deepEqual(await store.list(user), [])
      assert.equal(await store.get(user, 'c1'), undefined)
    })

    it('returns what was set, every field included', async () => {
      const store = await makeStore()
      const user = freshUser('full')
      const full = record('c1', {
        utility: { id: '1', slug: 'pge', name: 'Pacific Gas and Electric' },
        utilityUsername: 'user@pelm.com',
        credentialsValid: false,
        checkedAt: '2026-02-03T04:05:06.000Z',
      })
      await store.set(user, full)
      assert.deepEqual(await store.get(user, 'c1'), full)
      assert.deepEqual(await store.list(user), [full])
    })

    it('holds several connections per user, listed oldest first', async () => {
      const store = await makeStore()
      const user = freshUser('several')
      await store.set(user, record('late', { connectedAt: '2026-03-01T00:00:00.000Z' }))
      await store.set(user, record('early', { connectedAt: '2026-01-01T00:00:00.000Z' }))
      await store.set(user, record('middle', { connectedAt: '2026-02-01T00:00:00.000Z' }))
      const ids = (await store.list(user)).map((connection) => connection.id)
      assert.deepEqual(ids, ['early', 'middle', 'late'])
    })

    it('replaces a connection set again under the same id', async () => {
      const store = await makeStore()
      const user = freshUser('replace')
      await store.set(user, record('c1', { credentialsValid: false }))
      await store.set(user, record('c1', { accessToken: 'at_renewed', credentialsValid: true }))
      const [only, ...rest] = await store.list(user)
      assert.equal(rest.length, 0)
      assert.equal(only?.accessToken, 'at_renewed')
      assert.equal(only?.credentialsValid, true)
    })

    it('replaces the whole record: a field the new one lacks is gone, not kept from the old', async () => {
      // A reconnect stores its record without a status: an upsert that merged would keep the
      // old `credentialsValid: false` and show the renewed connection as reconnect_required.
      const store = await makeStore()
      const user = freshUser('whole')
      await store.set(
        user,
        record('c1', {
          utility: { id: '1', slug: 'pge', name: 'Pacific Gas and Electric' },
          utilityUsername: 'old@pelm.com',
          credentialsValid: false,
          checkedAt: '2026-02-03T04:05:06.000Z',
        }),
      )
      const renewed = record('c1', { accessToken: 'at_renewed', utility: { slug: 'pge' } })
      await store.set(user, renewed)
      assert.deepEqual(await store.get(user, 'c1'), renewed)
      assert.deepEqual(await store.list(user), [renewed])
    })

    it('never answers one user with another user’s connection', async () => {
      const store = await makeStore()
      const alice = freshUser('alice')
      const bob = freshUser('bob')
      await store.set(alice, record('shared-id', { accessToken: 'at_alice' }))
      await store.set(bob, record('shared-id', { accessToken: 'at_bob' }))
      await store.set(alice, record('alice-only'))
      assert.equal((await store.get(alice, 'shared-id'))?.accessToken, 'at_alice')
      assert.equal((await store.get(bob, 'shared-id'))?.accessToken, 'at_bob')
      assert.equal(await store.get(bob, 'alice-only'), undefined)
      assert.deepEqual(
        (await store.list(bob)).map((connection) => connection.id),
        ['shared-id'],
      )
      await store.delete(bob, 'alice-only')
      assert.notEqual(await store.get(alice, 'alice-only'), undefined)
    })

    it('keeps apart user and connection ids that a naive key scheme would merge', async () => {
      const store = await makeStore()
      const base = freshUser('keys')
      // Also what a loose collation merges (MySQL's defaults): case, accents, trailing spaces,
      // and the two spellings of é (precomposed, and e + combining accent).
      const ids = [
        'a/b',
        'a:b',
        'a?b',
        '../etc',
        'A',
        'a',
        'a ',
        'ü',
        'u',
        '\u00e9',
        'e\u0301',
        '%2F',
      ]
      const users = ids.map((id) => base + id)
      // Connection ids are base64url (see CONNECTION_ID); user ids are anything the app uses.
      for (const user of users)
        await store.set(user, record('x_y-z', { accessToken: `at_${user}` }))
      for (const user of users) {
        assert.equal((await store.get(user, 'x_y-z'))?.accessToken, `at_${user}`)
        assert.equal((await store.list(user)).length, 1)
      }
    })

    it('keeps apart long user ids that share their first 200 characters', async () => {
      // an issuer URL or a tenant prefix: a store that cuts ids (a varchar(64) that truncates)
      // would give these users each other's connections
      const store = await makeStore()
      const shared = `${freshUser('long')}:https://issuer.example.com/${'x'.repeat(200)}`
      await store.set(`${shared}/alice`, record('c1', { accessToken: 'at_alice' }))
      await store.set(`${shared}/bob`, record('c1', { accessToken: 'at_bob' }))
      assert.equal((await store.get(`${shared}/alice`, 'c1'))?.accessToken, 'at_alice')
      assert.equal((await store.get(`${shared}/bob`, 'c1'))?.accessToken, 'at_bob')
    })

    it('keeps apart user ids that differ only in a lone surrogate, or refuses them', async () => {
      // UTF-8 has no lone surrogates: an encoder (TextEncoder, a database driver) writes U+FFFD
      // for one, so `x\uD800` and `x\uFFFD` become the same bytes, the same key or row.
      const store = await makeStore()
      const base = freshUser('surrogate')
      const users = { lone: `${base}\uD800`, replaced: `${base}\uFFFD` }
      const stored = (user: keyof typeof users) =>
        store.set(users[user], record('c1', { accessToken: `at_${user}` })).then(
          () => true,
          () => false,
        )
      if (!(await stored('replaced'))) return
      const loneStored = await stored('lone')
      assert.equal((await store.get(users.replaced, 'c1'))?.accessToken, 'at_replaced')
      if (loneStored) assert.equal((await store.get(users.lone, 'c1'))?.accessToken, 'at_lone')
    })

    it('deletes one connection and leaves the others; deleting twice is fine', async () => {
      const store = await makeStore()
      const user = freshUser('delete')
      await store.set(user, record('keep'))
      await store.set(user, record('drop'))
      await store.delete(user, 'drop')
      await store.delete(user, 'drop')
      await store.delete(user, 'never-existed')
      assert.equal(await store.get(user, 'drop'), undefined)
      assert.deepEqual(
        (await store.list(user)).map((connection) => connection.id),
        ['keep'],
      )
    })

    it('keeps every connection of concurrent writes', async () => {
      const store = await makeStore()
      const user = freshUser('concurrent')
      const ids = Array.from({ length: 12 }, (_, index) => `c${index}`)
      await Promise.all(ids.map((id) => store.set(user, record(id))))
      const listed = (await store.list(user)).map((connection) => connection.id).sort()
      assert.deepEqual(listed, [...ids].sort())
    })

    it('does not let a returned record alias the stored one', async () => {
      const store = await makeStore()
      const user = freshUser('alias')
      await store.set(user, record('c1', { utility: { slug: 'pge' } }))
      const first = await store.get(user, 'c1')
      if (first?.utility) first.utility.slug = 'changed'
      const [listed] = await store.list(user)
      if (listed) listed.accessToken = 'changed'
      const again = await store.get(user, 'c1')
      assert.equal(again?.utility?.slug, 'pge')
      assert.equal(again?.accessToken, 'at_c1')
    })

    it('does not keep the caller’s object: changing it after set changes nothing stored', async () => {
      const store = await makeStore()
      const user = freshUser('given')
      const given = record('c1', { utility: { slug: 'pge' } })
      await store.set(user, given)
      given.accessToken = 'changed'
      if (given.utility) given.utility.slug = 'changed'
      const stored = await store.get(user, 'c1')
      assert.equal(stored?.accessToken, 'at_c1')
      assert.equal(stored?.utility?.slug, 'pge')
    })

    it('refuses to store a record without an access token', async () => {
      const store = await makeStore()
      const user = freshUser('invalid')
      const { accessToken: _, ...withoutToken } = record('c1')
      await assert.rejects(store.set(user, withoutToken as ConnectionRecord))
      assert.deepEqual(await store.list(user), [])
    })
  })
}
