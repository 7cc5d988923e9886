import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import {
  base64Decode,
  base64UrlDecode,
  base64UrlEncode,
  randomBytes,
  timingSafeEqual,
} from './crypto'

describe('base64url', () => {
  it('round-trips any bytes', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 80 }), (bytes) => {
        const text = base64UrlEncode(bytes)
        expect(text).toMatch(/^[A-Za-z0-9_-]*$/)
        expect(base64UrlDecode(text)).toEqual(new Uint8Array(bytes))
      }),
    )
  })

  it('refuses text that is not base64url', () => {
    expect(base64UrlDecode('a+b/')).toBeUndefined()
    expect(base64UrlDecode('abcde')).toBeUndefined()
    expect(base64UrlDecode('ab.c')).toBeUndefined()
  })

  it('reads standard base64 with padding', () => {
    expect(base64Decode('+/8=')).toEqual(new Uint8Array([251, 255]))
  })
})

describe('timingSafeEqual', () => {
  it('agrees with === on any strings', () => {
    fc.assert(
      fc.property(fc.string(), fc.string(), (a, b) => {
        expect(timingSafeEqual(a, b)).toBe(a === b)
        expect(timingSafeEqual(a, a)).toBe(true)
      }),
    )
  })

  it('tells apart a string from its prefix', () => {
    expect(timingSafeEqual('abc', 'ab')).toBe(false)
    expect(timingSafeEqual('', 'a')).toBe(false)
  })
})

describe('base64url canonical form', () => {
  it('refuses a spelling with unused bits set', () => {
    expect(base64UrlDecode('AA')).toEqual(new Uint8Array([0]))
    expect(base64UrlDecode('AB')).toBeUndefined()
  })
})

describe('randomBytes (pooled)', () => {
  it('never hands out the same bytes twice, across pool refills and large requests', () => {
    const seen = new Set<string>()
    for (let index = 0; index < 2000; index++) {
      const length = [16, 32, 12, 5000][index % 4] ?? 16
      const bytes = randomBytes(length)
      expect(bytes).toHaveLength(length)
      const text = base64UrlEncode(bytes)
      expect(seen.has(text)).toBe(false)
      seen.add(text)
    }
  })

  it('gives each caller its own copy', () => {
    const first = randomBytes(32)
    const copy = new Uint8Array(first)
    randomBytes(32)
    expect(first).toEqual(copy)
    expect(first.some((byte) => byte !== 0)).toBe(true)
  })
})

describe('base64UrlEncode', () => {
  it('matches Node’s own base64url for any bytes (property)', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 200 }), (bytes) => {
        expect(base64UrlEncode(bytes)).toBe(Buffer.from(bytes).toString('base64url'))
      }),
      { numRuns: 500 },
    )
  })
})
