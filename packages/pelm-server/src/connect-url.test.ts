import { describe, expect, it } from 'vitest'
import { buildConnectUrl } from './connect-url'

describe('buildConnectUrl', () => {
  it('builds Pelm Connect URL with the three parameters, encoded', () => {
    const url = new URL(
      buildConnectUrl({
        connectToken: 'ct_1',
        redirectUri: 'https://app.example.com/pelm/callback?x=1',
        state: 's&t',
      }),
    )
    expect(url.origin + url.pathname).toBe('https://connect.pelm.com/')
    expect(Object.fromEntries(url.searchParams)).toEqual({
      redirect_uri: 'https://app.example.com/pelm/callback?x=1',
      connect_token: 'ct_1',
      state: 's&t',
    })
  })

  it('keeps query parameters of a configured connectUrl', () => {
    const url = buildConnectUrl({
      connectToken: 'ct',
      redirectUri: 'http://localhost:3000/cb',
      state: 's',
      connectUrl: 'http://pelm.localhost/connect?lang=en',
    })
    expect(url).toBe(
      'http://pelm.localhost/connect?lang=en&redirect_uri=http%3A%2F%2Flocalhost%3A3000%2Fcb&connect_token=ct&state=s',
    )
  })

  it('refuses a missing state, a relative redirect URI and a non-http connect URL', () => {
    const base = { connectToken: 'ct', redirectUri: 'https://a.example/cb', state: 's' }
    expect(() => buildConnectUrl({ ...base, state: '' })).toThrow(/state/)
    expect(() => buildConnectUrl({ ...base, redirectUri: '/cb' })).toThrow(/redirectUri/)
    expect(() => buildConnectUrl({ ...base, connectUrl: 'javascript:alert(1)' })).toThrow(
      /connectUrl/,
    )
  })
})

describe('buildConnectUrl encoding', () => {
  it('writes exactly what URLSearchParams would, for any token and state (property)', async () => {
    const fc = (await import('fast-check')).default
    fc.assert(
      fc.property(
        fc.string({ minLength: 1 }),
        fc.string({ minLength: 1 }),
        fc.constantFrom(
          'https://connect.pelm.com/',
          'http://pelm.localhost/connect?lang=en',
          'http://pelm.localhost/sandbox/connect?state=old#frag',
        ),
        (connectToken, state, connectUrl) => {
          const redirectUri = 'https://app.example.com/pelm/callback?x=1'
          const expected = new URL(connectUrl)
          expected.searchParams.set('redirect_uri', redirectUri)
          expected.searchParams.delete('connect_token')
          expected.searchParams.delete('state')
          expected.searchParams.append('connect_token', connectToken)
          expected.searchParams.append('state', state)
          expect(buildConnectUrl({ connectToken, state, redirectUri, connectUrl })).toBe(
            expected.toString(),
          )
        },
      ),
      { numRuns: 300 },
    )
  })
})
