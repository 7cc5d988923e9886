import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { base64Decode, base64UrlDecode, base64UrlEncode, timingSafeEqual } from './crypto'

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
