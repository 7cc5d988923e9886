import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { createStateSigner, StateError, type StateErrorCode } from './state'

const secret = 'a-cookie-secret-of-at-least-32-characters'

async function rejection(promise: Promise<unknown>): Promise<StateErrorCode> {
  const error = await promise.then(
    () => undefined,
    (reason: unknown) => reason,
  )
  expect(error).toBeInstanceOf(StateError)
  return (error as StateError).code
}

describe('createStateSigner', () => {
  it('refuses a secret shorter than 32 characters', () => {
    expect(() => createStateSigner({ secret: 'short' })).toThrow(/at least 32 characters/)
  })

  it('issues a 256-bit base64url state and verifies it for the same user', async () => {
    const signer = createStateSigner({ secret })
    const issued = await signer.issue({ userId: 'user-1', utility: { slug: 'pge' } })
    expect(issued.state).toMatch(/^[A-Za-z0-9_-]{43}$/)
    expect(issued.cookieValue).not.toContain('user-1')
    const verified = await signer.verify({
      cookieValue: issued.cookieValue,
      state: issued.state,
      userId: 'user-1',
    })
    expect(verified).toEqual({
      state: issued.state,
      issuedAt: issued.issuedAt,
      utility: { slug: 'pge' },
    })
  })

  it('never issues the same state twice', async () => {
    const signer = createStateSigner({ secret })
    const states = await Promise.all(
      Array.from({ length: 50 }, () => signer.issue({ userId: 'u' })),
    )
    expect(new Set(states.map((issued) => issued.state)).size).toBe(50)
  })

  it('tells each failure apart', async () => {
    let time = 1_000_000
    const signer = createStateSigner({ secret, now: () => time })
    const { state, cookieValue } = await signer.issue({ userId: 'alice' })
    const other = await createStateSigner({ secret: `${secret}-other` }).issue({ userId: 'alice' })

    expect(await rejection(signer.verify({ cookieValue: undefined, state, userId: 'alice' }))).toBe(
      'state_missing',
    )
    expect(await rejection(signer.verify({ cookieValue, state: '', userId: 'alice' }))).toBe(
      'state_missing',
    )
    expect(await rejection(signer.verify({ cookieValue: 'garbage', state, userId: 'alice' }))).toBe(
      'state_invalid',
    )
    expect(
      await rejection(
        signer.verify({ cookieValue: other.cookieValue, state: other.state, userId: 'alice' }),
      ),
    ).toBe('state_invalid')
    expect(
      await rejection(signer.verify({ cookieValue, state: other.state, userId: 'alice' })),
    ).toBe('state_mismatch')
    expect(await rejection(signer.verify({ cookieValue, state, userId: 'mallory' }))).toBe(
      'state_user_mismatch',
    )
    time += 30 * 60 * 1000 + 1
    expect(await rejection(signer.verify({ cookieValue, state, userId: 'alice' }))).toBe(
      'state_expired',
    )
  })

  it('refuses a state issued in the future (beyond clock skew)', async () => {
    let time = 10_000_000
    const signer = createStateSigner({ secret, now: () => time })
    const issued = await signer.issue({ userId: 'u' })
    time -= 5 * 60 * 1000
    expect(await rejection(signer.verify({ ...issued, userId: 'u' }))).toBe('state_invalid')
  })

  it('round-trips for any user id and utility (property)', async () => {
    const signer = createStateSigner({ secret })
    await fc.assert(
      fc.asyncProperty(
        fc.string({ minLength: 1 }),
        fc.option(fc.record({ id: fc.string(), slug: fc.string() }, { requiredKeys: [] }), {
          nil: undefined,
        }),
        async (userId, utility) => {
          const issued = await signer.issue({ userId, utility })
          const verified = await signer.verify({
            cookieValue: issued.cookieValue,
            state: issued.state,
            userId,
          })
          expect(verified.state).toBe(issued.state)
        },
      ),
      { numRuns: 50 },
    )
  })

  it('refuses any tampered cookie value (property)', async () => {
    const signer = createStateSigner({ secret })
    const issued = await signer.issue({ userId: 'u' })
    const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_.'
    await fc.assert(
      fc.asyncProperty(
        fc.nat({ max: issued.cookieValue.length - 1 }),
        fc.constantFrom(...alphabet),
        async (index, replacement) => {
          fc.pre(issued.cookieValue[index] !== replacement)
          const tampered =
            issued.cookieValue.slice(0, index) + replacement + issued.cookieValue.slice(index + 1)
          const code = await signer
            .verify({ cookieValue: tampered, state: issued.state, userId: 'u' })
            .then(
              () => 'accepted',
              (error: StateError) => error.code,
            )
          expect(code).toBe('state_invalid')
        },
      ),
      { numRuns: 100 },
    )
  })
})
