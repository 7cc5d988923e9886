import { describe, expect, it } from 'vitest'
import { createPelmMock, type PelmMockOptions } from './create-pelm-mock'

describe('createPelmMock options', () => {
  it.each<[PelmMockOptions, RegExp]>([
    [
      { requestLog: { maxEntries: 0 } },
      /requestLog\.maxEntries must be a whole number of at least 1 or Infinity, got 0/,
    ],
    [{ requestLog: { maxAgeMs: 1.5 } }, /requestLog\.maxAgeMs must be a whole number/],
    [
      { records: { maxAgeMs: 60_000 } },
      /records\.maxAgeMs must be a whole number of at least 1800000/,
    ],
    [{ records: { maxEntries: Number.NaN } }, /records\.maxEntries/],
    [{ maxBodyBytes: 0 }, /maxBodyBytes must be a whole number of at least 1/],
    [{ dataDelayMs: -1 }, /dataDelayMs must be a whole number of at least 0/],
  ])('refuses %j at once, naming the option', (options, message) => {
    expect(() => createPelmMock(options)).toThrow(TypeError)
    expect(() => createPelmMock(options)).toThrow(message)
  })

  it.each<[PelmMockOptions, RegExp]>([
    [{ clientId: '' }, /clientId must be/],
    [{ secret: '' }, /secret must be/],
    [{ secret: ' padded ' }, /secret must be/],
    [{ clientId: 'line\nbreak' }, /clientId must be/],
    [{ secret: 5 as never }, /secret must be/],
  ])(
    'refuses credentials no request can send (%j): the API would refuse every call',
    (options, message) => {
      expect(() => createPelmMock(options)).toThrow(TypeError)
      expect(() => createPelmMock(options)).toThrow(message)
    },
  )

  it.each([
    'localhost:3000/sandbox', // no scheme: parsed as the scheme "localhost:"
    'ftp://pelm.test',
    'http://pelm.test/sandbox?tenant=1',
    'http://pelm.test/sandbox#top',
    'http://user:pass@pelm.test',
    '/sandbox',
  ])('refuses the baseUrl %j, whose Connect and API URLs could not work', (baseUrl) => {
    expect(() => createPelmMock({ baseUrl })).toThrow(TypeError)
    expect(() => createPelmMock({ baseUrl })).toThrow(
      /^createPelmMock: baseUrl must be an absolute http\(s\) URL without credentials, query or fragment/,
    )
  })

  it('accepts a baseUrl with a path, a port, https, or a trailing slash', () => {
    for (const baseUrl of ['http://localhost:3000/sandbox/', 'https://demo.example', 'HTTP://X']) {
      expect(() => createPelmMock({ baseUrl })).not.toThrow()
    }
  })

  it('accepts credentials with inner spaces and punctuation, and they work', async () => {
    const mock = createPelmMock({ clientId: 'my client', secret: 's3cr3t!~' })
    const response = await mock.fetch(`${mock.apiUrl}/auth/connect-token`, {
      method: 'POST',
      headers: {
        'Pelm-Client-Id': mock.credentials.clientId,
        'Pelm-Secret': mock.credentials.secret,
        'content-type': 'application/x-www-form-urlencoded',
      },
      body: 'user_id=u1',
    })
    expect(response.status).toBe(200)
  })

  it('accepts requestLog: false and partial bounds', () => {
    expect(() => createPelmMock({ requestLog: false, records: { maxEntries: 5 } })).not.toThrow()
  })

  it('lifts a bound with Infinity, for a test that counts every request', async () => {
    const mock = createPelmMock({ requestLog: { maxEntries: Number.POSITIVE_INFINITY } })
    for (let n = 0; n < 1_050; n++) await mock.fetch(`${mock.apiUrl}/nothing`)
    expect(mock.requests).toHaveLength(1_050)
  })
})
