import { describe, expect, it } from 'vitest'
import type { TokenRecord, TokenStore } from '../token-store'

const record = (accessToken: string, extra: Partial<TokenRecord> = {}): TokenRecord => ({
  accessToken,
  connectedAt: '2026-01-02T03:04:05.000Z',
  ...extra,
})

/** The behaviour every TokenStore shares; run it against each adapter. */
export function tokenStoreContract(
  name: string,
  makeStore: () => Promise<TokenStore> | TokenStore,
) {
  describe(`${name}: TokenStore contract`, () => {
    it('answers undefined for a user without a record', async () => {
      const store = await makeStore()
      expect(await store.get('nobody')).toBeUndefined()
    })

    it('returns what was set, utility included', async () => {
      const store = await makeStore()
      await store.set('user-1', record('at_1', { utility: { id: '1', slug: 'pge' } }))
      expect(await store.get('user-1')).toEqual(
        record('at_1', { utility: { id: '1', slug: 'pge' } }),
      )
    })

    it('overwrites on a second set and keeps users apart', async () => {
      const store = await makeStore()
      await store.set('a', record('at_a'))
      await store.set('b', record('at_b'))
      await store.set('a', record('at_a2'))
      expect((await store.get('a'))?.accessToken).toBe('at_a2')
      expect((await store.get('b'))?.accessToken).toBe('at_b')
    })

    it('deletes, and deleting twice is not an error', async () => {
      const store = await makeStore()
      await store.set('a', record('at_a'))
      await store.delete('a')
      await store.delete('a')
      expect(await store.get('a')).toBeUndefined()
    })

    it('keeps user ids apart that a naive key scheme would merge', async () => {
      const store = await makeStore()
      const ids = ['a/b', 'a:b', 'a?b', '../etc', 'A', 'a', 'ü', '']
      for (const id of ids) await store.set(id, record(`at_${id}`))
      for (const id of ids) expect((await store.get(id))?.accessToken).toBe(`at_${id}`)
    })

    it('does not let a returned record alias the stored one', async () => {
      const store = await makeStore()
      await store.set('a', record('at_a', { utility: { slug: 'pge' } }))
      const first = await store.get('a')
      if (first?.utility) first.utility.slug = 'changed'
      expect((await store.get('a'))?.utility?.slug).toBe('pge')
    })

    it('refuses to store a record without an access token', async () => {
      const store = await makeStore()
      await expect(store.set('a', { connectedAt: 'x' } as TokenRecord)).rejects.toThrow()
    })
  })
}
