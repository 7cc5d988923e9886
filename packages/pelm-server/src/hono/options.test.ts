import { describe, expect, it } from 'vitest'
import { memoryConnectionStore } from '../connection-stores/memory'
import { connectTokenHandler } from './connect-token-handler'
import { connectionsHandlers } from './connections-handlers'
import { exchangeHandler } from './exchange-handler'
import type { PelmRoutesOptions } from './options'
import { pelmRoutes } from './routes'

const valid: PelmRoutesOptions = {
  clientId: 'client',
  secret: 'secret',
  redirectUri: 'http://app.localhost/pelm/callback',
  cookieSecret: 'test-cookie-secret-0123456789-abcdefghij',
  getUserId: () => 'u',
  connectionStore: memoryConnectionStore(),
}

const without = (key: keyof PelmRoutesOptions) => {
  const { [key]: _, ...rest } = valid
  return rest as PelmRoutesOptions
}

const https = { ...valid, redirectUri: 'https://app.example.com/pelm/callback' }

describe('options are checked when the factory is called', () => {
  it.each<[string, PelmRoutesOptions, RegExp]>([
    [
      'a missing secret',
      without('secret'),
      /^pelmRoutes: secret is required and must be a non-empty string\. It is your Pelm-Secret/,
    ],
    ['a missing client id', without('clientId'), /^pelmRoutes: clientId is required/],
    [
      'a short cookieSecret',
      { ...valid, cookieSecret: 'too-short' },
      /cookieSecret must be a string of at least 32 characters \(got 9 characters\)\. Generate one with `openssl rand -base64 32`/,
    ],
    ['a missing cookieSecret', without('cookieSecret'), /cookieSecret .* \(got undefined\)/],
    ['a missing getUserId', without('getUserId'), /getUserId\(c\) is required/],
    [
      'a missing connectionStore',
      without('connectionStore'),
      /connectionStore is required: a ConnectionStore with list, get, set and delete/,
    ],
    [
      'a 0.1 TokenStore as connectionStore',
      { ...valid, connectionStore: { get() {}, set() {}, delete() {} } as never },
      /connectionStore is required: a ConnectionStore with list, get, set and delete/,
    ],
    [
      'a relative redirectUri',
      { ...valid, redirectUri: '/pelm/callback' },
      /redirectUri must be an absolute http\(s\) URL \(got "\/pelm\/callback"\)/,
    ],
    [
      'a javascript: redirectUri',
      { ...valid, redirectUri: 'javascript:alert(1)' },
      /redirectUri must be an absolute http\(s\) URL/,
    ],
    [
      'a redirectUri with a fragment',
      { ...valid, redirectUri: `${valid.redirectUri}#x` },
      /must not contain a fragment/,
    ],
    [
      'a bad connectUrl',
      { ...valid, connectUrl: 'connect.pelm.com' },
      /connectUrl must be an absolute http\(s\) URL/,
    ],
    [
      'a bad apiUrl',
      { ...valid, apiUrl: 'ftp://api.pelm.com' },
      /^pelmRoutes: apiUrl must be an absolute http\(s\) URL/,
    ],
    // Issue 18.7: requests went to `…/pelm?key=abc/auth/connect-token`.
    [
      'an apiUrl with a query string',
      { ...valid, apiUrl: 'https://api.example/pelm?key=abc' },
      /^pelmRoutes: apiUrl must not have a query string, a fragment or credentials/,
    ],
    // Issue 18.7: Node fires a 2^31 ms timer after 1 ms: every call timed out.
    [
      'a timeoutMs above 2^31 - 1',
      { ...valid, timeoutMs: 2 ** 31 },
      /^pelmRoutes: timeoutMs must be a positive number of ms, at most 2147483647 \(got 2147483648\)/,
    ],
    ['a zero timeout', { ...valid, timeoutMs: 0 }, /timeoutMs must be a positive number/],
    [
      'an allowed origin with a path',
      { ...valid, allowedOrigins: ['https://a.example/app'] },
      /allowedOrigins entries must be origins/,
    ],
    [
      'a fractional maxBodyBytes',
      { ...valid, maxBodyBytes: 1.5 },
      /maxBodyBytes must be an integer from 64 to 1048576 \(got 1\.5\)/,
    ],
    [
      'a bad cookie name',
      { ...valid, cookieName: 'pelm binding' },
      /cookieName "pelm binding" is not a valid cookie name/,
    ],
    ['a relative cookie path', { ...valid, cookiePath: 'api' }, /cookiePath must start with "\/"/],
    [
      'a __Host- cookie without Path=/',
      { ...valid, cookieName: '__Host-pelm_binding', secureCookie: true },
      /"__Host-" needs cookiePath: "\/" and Secure/,
    ],
    [
      'a __Secure- cookie on an http redirectUri',
      { ...valid, cookieName: '__Secure-pelm_binding' },
      /"__Secure-" needs Secure/,
    ],
    [
      'a replay store without claim',
      { ...valid, replayStore: {} as never },
      /replayStore must have claim/,
    ],
    [
      'a logger that is not a function',
      { ...valid, logger: 'console' as never },
      /logger must be a function/,
    ],
    [
      'a pelmUserId that is not a function',
      { ...valid, pelmUserId: 'tenant' as never },
      /pelmUserId must be a function/,
    ],
    [
      'an onConnected that is not a function',
      { ...valid, onConnected: {} as never },
      /onConnected must be a function/,
    ],
    [
      'an onDisconnected that is not a function',
      { ...valid, onDisconnected: 1 as never },
      /onDisconnected must be a function/,
    ],
    [
      'a zero statusMaxAge',
      { ...valid, statusMaxAge: 0 },
      /statusMaxAge must be a positive number of ms, at most 2147483647 \(got 0\)/,
    ],
    [
      'a statusConcurrency of 0',
      { ...valid, statusConcurrency: 0 },
      /statusConcurrency must be an integer from 1 to 64 \(got 0\)/,
    ],
    [
      'a deleteUserPath without {user_id}',
      { ...valid, deleteUserPath: '/users/delete' },
      /deleteUserPath must contain "\{user_id\}"/,
    ],
  ])('pelmRoutes throws on %s', (_, options, message) => {
    expect(() => pelmRoutes(options)).toThrow(message)
  })

  it('never echoes the secrets it refuses', () => {
    const secret = 'short-secret-value'
    expect(() => pelmRoutes({ ...valid, cookieSecret: secret })).toThrow(
      expect.objectContaining({ message: expect.not.stringContaining(secret) }),
    )
  })

  // Issue 18.5: the scheme was matched as a string, so `HTTPS://` refused a `__Secure-` name.
  it('accepts prefixed cookie names with an https redirectUri, whatever its case', () => {
    for (const redirectUri of [https.redirectUri, 'HTTPS://app.example.com/pelm/callback']) {
      expect(() =>
        pelmRoutes({ ...valid, redirectUri, cookieName: '__Secure-pelm_binding' }),
      ).not.toThrow()
      expect(() =>
        pelmRoutes({ ...valid, redirectUri, cookieName: '__Host-pelm_binding', cookiePath: '/' }),
      ).not.toThrow()
    }
  })

  it('names the factory that was misconfigured', () => {
    expect(() => exchangeHandler({ ...valid, secret: '' })).toThrow(/^exchangeHandler: secret/)
    expect(() => connectTokenHandler({ ...valid, cookieSecret: '' })).toThrow(
      /^connectTokenHandler: cookieSecret/,
    )
    expect(() => connectionsHandlers(without('connectionStore'))).toThrow(
      /^connectionsHandlers: connectionStore/,
    )
  })

  it('asks each handler only for what it uses', () => {
    expect(() => exchangeHandler(without('redirectUri'))).not.toThrow()
    expect(() => connectionsHandlers(without('cookieSecret'))).not.toThrow()
    expect(() => connectionsHandlers(without('redirectUri'))).not.toThrow()
  })

  // Issue 18.5, at start-up: the exchange handler only reads the cookie, and its options have
  // no secureCookie or cookiePath, so a prefixed name must not ask them of it.
  it('lets the exchange handler take a prefixed cookie name alone', () => {
    for (const cookieName of ['__Secure-pelm_binding', '__Host-pelm_binding']) {
      expect(() => exchangeHandler({ ...without('redirectUri'), cookieName })).not.toThrow()
    }
  })
})
