import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import type { TokenRecord, TokenStore } from '../token-store'
import { encryptedTokenStore } from './encrypted'
import { memoryTokenStore } from './memory'

const key = (fill: number) => btoa(String.fromCharCode(...new Uint8Array(32).fill(fill)))
const at = (accessToken: string): TokenRecord => ({
  accessToken,
  connectedAt: new Date(0).toISOString(),
})

/** A memory store that lets the test read what is really stored. */
function inspectable(): TokenStore & { raw: Map<string, TokenRecord> } {
  const raw = new Map<string, TokenRecord>()
  return {
    raw,
    get: async (userId) => {
      const record = raw.get(userId)
      return record && { ...record }
    },
    set: async (userId, record) => void raw.set(userId, { ...record }),
    delete: async (userId) => void raw.delete(userId),
  }
}

describe('encryptedTokenStore', () => {
  it('validates keys when created', () => {
    const inner = memoryTokenStore()
    expect(() => encryptedTokenStore(inner, { keys: [] })).toThrow(/non-empty array/)
    expect(() => encryptedTokenStore(inner, { keys: ['c2hvcnQ='] })).toThrow(
      /keys\[0\] must be 32 bytes.*got 5 bytes/,
    )
    expect(() => encryptedTokenStore(inner, { keys: [key(1), 'not base64!'] })).toThrow(/keys\[1\]/)
    expect(() => encryptedTokenStore(inner, { keys: [new Uint8Array(32)] })).not.toThrow()
  })

  it('uses a fresh IV per write', async () => {
    const inner = inspectable()
    const store = encryptedTokenStore(inner, { keys: [key(1)] })
    await store.set('u', at('same'))
    const first = inner.raw.get('u')?.accessToken
    await store.set('u', at('same'))
    expect(inner.raw.get('u')?.accessToken).not.toBe(first)
  })

  it('rotates keys: the first encrypts, all decrypt', async () => {
    const inner = inspectable()
    await encryptedTokenStore(inner, { keys: [key(1)] }).set('u', at('old-token'))
    const rotated = encryptedTokenStore(inner, { keys: [key(2), key(1)] })
    expect((await rotated.get('u'))?.accessToken).toBe('old-token')
    await rotated.set('u', at('new-token'))
    await expect(encryptedTokenStore(inner, { keys: [key(1)] }).get('u')).rejects.toMatchObject({
      code: 'decryption_failed',
    })
    expect((await encryptedTokenStore(inner, { keys: [key(2)] }).get('u'))?.accessToken).toBe(
      'new-token',
    )
  })

  it('refuses a ciphertext moved to another user, tampered, or stored in clear', async () => {
    const inner = inspectable()
    const store = encryptedTokenStore(inner, { keys: [key(1)] })
    await store.set('alice', at('alice-token'))
    const alice = inner.raw.get('alice') ?? at('missing')
    inner.raw.set('mallory', alice)
    await expect(store.get('mallory')).rejects.toMatchObject({ code: 'decryption_failed' })
    const last = alice.accessToken.at(-2) === 'A' ? 'B' : 'A'
    inner.raw.set('alice', {
      ...alice,
      accessToken: `${alice.accessToken.slice(0, -2)}${last}${alice.accessToken.at(-1)}`,
    })
    await expect(store.get('alice')).rejects.toMatchObject({ code: 'decryption_failed' })
    inner.raw.set('bob', at('plain'))
    await expect(store.get('bob')).rejects.toThrow(/is not encrypted/)
  })

  it('round-trips any token for any user (property)', async () => {
    const inner = inspectable()
    const store = encryptedTokenStore(inner, { keys: [key(3)] })
    await fc.assert(
      fc.asyncProperty(fc.string(), fc.string({ minLength: 8 }), async (userId, token) => {
        await store.set(userId, at(token))
        expect(inner.raw.get(userId)?.accessToken).not.toContain(token)
        expect((await store.get(userId))?.accessToken).toBe(token)
      }),
      { numRuns: 60 },
    )
  })
})
