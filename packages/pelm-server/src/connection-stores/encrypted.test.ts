import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import type { ConnectionRecord } from '../connection-store'
import { encryptedConnectionStore } from './encrypted'
import { decodeEncryptionKey } from './encryption-keys'
import { memoryConnectionStore } from './memory'

const key = (fill: number) => btoa(String.fromCharCode(...new Uint8Array(32).fill(fill)))
const at = (accessToken: string, id = 'c1'): ConnectionRecord => ({
  id,
  pelmUserId: `pelm-${id}`,
  accessToken,
  connectedAt: new Date(0).toISOString(),
})

/** A memory store whose raw (encrypted) records the test can read and tamper with. */
function inspectable() {
  const inner = memoryConnectionStore()
  return {
    inner,
    raw: async (userId: string, id = 'c1') => (await inner.get(userId, id))?.accessToken ?? '',
  }
}

describe('encryptedConnectionStore', () => {
  it('validates keys when created, with one decoder for every caller', () => {
    const inner = memoryConnectionStore()
    expect(() => encryptedConnectionStore(inner, { keys: [] })).toThrow(/non-empty array/)
    expect(() => encryptedConnectionStore(inner, { keys: ['c2hvcnQ='] })).toThrow(
      /keys\[0\]: an encryption key must be 32 bytes.*got 5 bytes/,
    )
    expect(() => encryptedConnectionStore(inner, { keys: [key(1), 'not base64!'] })).toThrow(
      /keys\[1\].*not canonical base64/,
    )
    expect(() => encryptedConnectionStore(inner, { keys: [new Uint8Array(32)] })).not.toThrow()
    // A non-canonical last character, or a space inside: refused by the store and the decoder alike.
    const good = key(5)
    const nonCanonical = `${good.slice(0, -2)}${good.at(-2) === 'U' ? 'V' : 'U'}=`
    for (const bad of [nonCanonical, `${good.slice(0, 10)} ${good.slice(10)}`]) {
      expect(() => decodeEncryptionKey(bad)).toThrow(/not canonical base64/)
      expect(() => encryptedConnectionStore(inner, { keys: [bad] })).toThrow(/keys\[0\]/)
    }
    expect(decodeEncryptionKey(` ${good}\n`)).toHaveLength(32)
  })

  it('uses a fresh IV per write', async () => {
    const { inner, raw } = inspectable()
    const store = encryptedConnectionStore(inner, { keys: [key(1)] })
    await store.set('u', at('same'))
    const first = await raw('u')
    await store.set('u', at('same'))
    expect(await raw('u')).not.toBe(first)
    expect(first).toMatch(/^pelm-enc:v2:/)
  })

  it('rotates keys: the first encrypts, all decrypt', async () => {
    const { inner } = inspectable()
    await encryptedConnectionStore(inner, { keys: [key(1)] }).set('u', at('old-token'))
    const rotated = encryptedConnectionStore(inner, { keys: [key(2), key(1)] })
    expect((await rotated.get('u', 'c1'))?.accessToken).toBe('old-token')
    await rotated.set('u', at('new-token'))
    await expect(
      encryptedConnectionStore(inner, { keys: [key(1)] }).get('u', 'c1'),
    ).rejects.toMatchObject({ code: 'decryption_failed' })
    const onlyNew = encryptedConnectionStore(inner, { keys: [key(2)] })
    expect((await onlyNew.get('u', 'c1'))?.accessToken).toBe('new-token')
  })

  it('refuses a ciphertext moved to another user or connection, tampered, or in clear', async () => {
    const { inner, raw } = inspectable()
    const store = encryptedConnectionStore(inner, { keys: [key(1)] })
    await store.set('alice', at('alice-token'))
    const ciphertext = await raw('alice')
    await inner.set('mallory', at(ciphertext))
    await expect(store.get('mallory', 'c1')).rejects.toMatchObject({ code: 'decryption_failed' })
    await inner.set('alice', at(ciphertext, 'c2'))
    await expect(store.get('alice', 'c2')).rejects.toMatchObject({ code: 'decryption_failed' })
    await inner.set('alice', { ...at(ciphertext), pelmUserId: 'someone-else' })
    await expect(store.get('alice', 'c1')).rejects.toMatchObject({ code: 'decryption_failed' })
    const flipped = ciphertext.at(-2) === 'A' ? 'B' : 'A'
    await inner.set('alice', at(`${ciphertext.slice(0, -2)}${flipped}${ciphertext.at(-1)}`))
    await expect(store.get('alice', 'c1')).rejects.toMatchObject({ code: 'decryption_failed' })
    await inner.set('bob', at('plain'))
    await expect(store.list('bob')).rejects.toThrow(/is not encrypted/)
  })

  it('stores the longest access token the client accepts (4,096 characters)', async () => {
    const store = encryptedConnectionStore(memoryConnectionStore(), { keys: [key(3)] })
    const token = 'x'.repeat(4096)
    await store.set('user-1', at(token))
    expect((await store.get('user-1', 'c1'))?.accessToken).toBe(token)
  })

  it('round-trips any token for any user and connection (property)', async () => {
    const { inner, raw } = inspectable()
    const store = encryptedConnectionStore(inner, { keys: [key(3)] })
    await fc.assert(
      fc.asyncProperty(
        fc.string(),
        fc.stringMatching(/^[A-Za-z0-9_-]{1,40}$/),
        fc.string({ minLength: 8, maxLength: 200 }),
        async (userId, id, token) => {
          await store.set(userId, at(token, id))
          expect(await raw(userId, id)).not.toContain(token)
          expect((await store.get(userId, id))?.accessToken).toBe(token)
        },
      ),
      { numRuns: 60 },
    )
  })
})
