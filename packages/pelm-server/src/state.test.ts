import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { mintConnectionId } from './connection-store'
import {
  createStateSigner,
  isBrowserBinding,
  newBrowserBinding,
  StateError,
  type StateErrorCode,
} from './state'

const secret = 'a-cookie-secret-of-at-least-32-characters'
const claims = { connectionId: 'conn_1', reconnect: false }

function rejection(verify: () => unknown): StateErrorCode {
  try {
    verify()
  } catch (error) {
    expect(error).toBeInstanceOf(StateError)
    return (error as StateError).code
  }
  throw new Error('the state was accepted')
}

describe('createStateSigner', () => {
  it('refuses a secret shorter than 32 characters', () => {
    expect(() => createStateSigner({ secret: 'short' })).toThrow(/at least 32 characters/)
  })

  it('issues a URL-safe state that verifies in the same browser for the same user', () => {
    const signer = createStateSigner({ secret })
    const binding = newBrowserBinding()
    const issued = signer.issue({
      binding,
      userId: 'user@example.com',
      connectionId: 'conn_1',
      reconnect: true,
      utility: { slug: 'pge' },
    })
    expect(issued.state).toMatch(/^[A-Za-z0-9_.-]+$/)
    expect(issued.state.length).toBeLessThan(160)
    // Neither the user id nor the binding travels in the state.
    expect(issued.state).not.toContain('user')
    expect(issued.state).not.toContain(binding)
    expect(signer.verify({ binding, userId: 'user@example.com', state: issued.state })).toEqual({
      nonce: expect.stringMatching(/^[A-Za-z0-9_-]{22}$/),
      connectionId: 'conn_1',
      reconnect: true,
      utility: { slug: 'pge' },
      expiresAt: issued.expiresAt,
    })
  })

  it('keeps every issued state valid at once: many tabs of one browser', () => {
    const signer = createStateSigner({ secret })
    const binding = newBrowserBinding()
    const states = Array.from({ length: 20 }, () =>
      signer.issue({ binding, userId: 'u', ...claims }),
    )
    expect(new Set(states.map((issued) => issued.state)).size).toBe(20)
    for (const { state } of states) {
      expect(signer.verify({ binding, userId: 'u', state }).connectionId).toBe('conn_1')
    }
  })

  it('tells each failure apart', () => {
    let time = 1_000_000_000
    const signer = createStateSigner({ secret, now: () => time })
    const binding = newBrowserBinding()
    const { state } = signer.issue({ binding, userId: 'alice', ...claims })
    const forged = createStateSigner({ secret: `${secret}-other` }).issue({
      binding,
      userId: 'alice',
      ...claims,
    })
    const verify = (input: { binding?: string; userId?: string; state?: string }) => () =>
      signer.verify({ binding, userId: 'alice', state, ...input })

    expect(rejection(verify({ binding: undefined }))).toBe('state_missing')
    expect(rejection(verify({ binding: 'not-a-binding' }))).toBe('state_missing')
    expect(rejection(verify({ state: '' }))).toBe('state_missing')
    expect(rejection(verify({ state: 'garbage' }))).toBe('state_invalid')
    expect(rejection(verify({ state: `${state}.x` }))).toBe('state_invalid')
    expect(rejection(verify({ state: forged.state }))).toBe('state_mismatch')
    expect(rejection(verify({ binding: newBrowserBinding() }))).toBe('state_mismatch')
    expect(rejection(verify({ userId: 'mallory' }))).toBe('state_mismatch')
    time += 30 * 60 * 1000 + 1000
    expect(rejection(verify({}))).toBe('state_expired')
  })

  it('refuses a state whose expiry lies beyond the allowed lifetime', () => {
    let time = 10_000_000_000
    const signer = createStateSigner({ secret, now: () => time })
    const binding = newBrowserBinding()
    const issued = signer.issue({ binding, userId: 'u', ...claims })
    time -= 5 * 60 * 1000
    expect(rejection(() => signer.verify({ binding, userId: 'u', state: issued.state }))).toBe(
      'state_invalid',
    )
  })

  it('round-trips any user id, connection and utility (property)', () => {
    const signer = createStateSigner({ secret })
    fc.assert(
      fc.property(
        fc.string({ minLength: 1 }),
        fc.stringMatching(/^[A-Za-z0-9_-]{1,64}$/),
        fc.boolean(),
        fc.option(
          fc.oneof(
            fc.record({ id: fc.string({ minLength: 1, maxLength: 60 }) }),
            fc.record({ slug: fc.string({ minLength: 1, maxLength: 60 }) }),
          ),
          { nil: undefined },
        ),
        (userId, connectionId, reconnect, utility) => {
          const binding = newBrowserBinding()
          const issued = signer.issue({ binding, userId, connectionId, reconnect, utility })
          const verified = signer.verify({ binding, userId, state: issued.state })
          expect(verified).toMatchObject({ connectionId, reconnect })
          expect(verified.utility).toEqual(utility)
        },
      ),
      { numRuns: 100 },
    )
  })

  it('refuses any altered state (property)', () => {
    const signer = createStateSigner({ secret })
    const binding = newBrowserBinding()
    const { state } = signer.issue({ binding, userId: 'u', ...claims, utility: { id: '7' } })
    const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_.'
    fc.assert(
      fc.property(
        fc.nat({ max: state.length - 1 }),
        fc.constantFrom(...alphabet),
        (index, replacement) => {
          fc.pre(state[index] !== replacement)
          const altered = state.slice(0, index) + replacement + state.slice(index + 1)
          const code = rejection(() => signer.verify({ binding, userId: 'u', state: altered }))
          expect(['state_invalid', 'state_mismatch']).toContain(code)
        },
      ),
      { numRuns: 200 },
    )
  })
})

describe('browser bindings', () => {
  it('are 256 random bits, and only such values are accepted as one', () => {
    const bindings = new Set(Array.from({ length: 100 }, newBrowserBinding))
    expect(bindings.size).toBe(100)
    for (const binding of bindings) expect(isBrowserBinding(binding)).toBe(true)
    expect(isBrowserBinding(undefined)).toBe(false)
    expect(isBrowserBinding(`${newBrowserBinding()}x`)).toBe(false)
    expect(isBrowserBinding('a'.repeat(42))).toBe(false)
  })

  it('mints 128-bit connection ids', () => {
    expect(mintConnectionId()).toMatch(/^[A-Za-z0-9_-]{22}$/)
  })
})
