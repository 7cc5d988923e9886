import { describe, expect, it } from 'vitest'
import { ConnectionStoreError, parseConnectionRecord } from './connection-store'

const SECRET = 'at_secret_0123456789'
const valid = {
  id: 'c1',
  pelmUserId: 'p1',
  accessToken: SECRET,
  connectedAt: '2026-01-02T03:04:05.000Z',
}

describe('parseConnectionRecord', () => {
  it('says what is wrong without repeating the stored value (it may hold the token)', () => {
    const broken: unknown[] = [
      JSON.stringify(valid).slice(0, -5), // a torn JSON file, read back as a string
      JSON.stringify(valid),
      [valid],
      { ...valid, credentialsValid: SECRET },
      { ...valid, utility: SECRET },
      { ...valid, utility: { name: 1, slug: SECRET } },
      { ...valid, utilityUsername: [SECRET] },
      { ...valid, pelmUserId: { SECRET } },
    ]
    for (const value of broken) {
      let error: unknown
      try {
        parseConnectionRecord(value)
      } catch (caught) {
        error = caught
      }
      expect(error, JSON.stringify(value)).toBeInstanceOf(ConnectionStoreError)
      expect((error as ConnectionStoreError).code).toBe('invalid_record')
      expect((error as Error).message).not.toContain(SECRET)
      expect((error as Error).message).not.toContain('at_secret')
    }
  })

  it('still names the field and what it should be', () => {
    expect(() => parseConnectionRecord({ ...valid, credentialsValid: 'yes' })).toThrow(
      /credentialsValid: .*boolean/,
    )
    expect(() => parseConnectionRecord('{')).toThrow(/record is invalid: .*[Oo]bject/)
  })
})
