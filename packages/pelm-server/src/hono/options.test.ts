import { describe, expect, it } from 'vitest'
import { memoryTokenStore } from '../token-stores/memory'
import { connectTokenHandler } from './connect-token-handler'
import { connectionHandlers } from './connection-handlers'
import { exchangeHandler } from './exchange-handler'
import type { PelmRoutesOptions } from './options'
import { pelmRoutes } from './routes'
import { COOKIE_SECRET, REDIRECT_URI } from './test-support'

const valid: PelmRoutesOptions = {
  clientId: 'client',
  secret: 'secret',
  redirectUri: REDIRECT_URI,
  cookieSecret: COOKIE_SECRET,
  getUserId: () => 'u',
  tokenStore: memoryTokenStore(),
}

const without = (key: keyof PelmRoutesOptions) => {
  const { [key]: _, ...rest } = valid
  return rest as PelmRoutesOptions
}

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
      'a missing tokenStore',
      without('tokenStore'),
      /tokenStore is required: a TokenStore with get, set and delete/,
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
      { ...valid, redirectUri: `${REDIRECT_URI}#x` },
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
    [
      'an allowed origin with a path',
      { ...valid, allowedOrigins: ['https://a.example/app'] },
      /allowedOrigins entries must be origins/,
    ],
    [
      'a fractional maxBodyBytes',
      { ...valid, maxBodyBytes: 1.5 },
      /maxBodyBytes must be a positive integer/,
    ],
    ['a zero timeout', { ...valid, timeoutMs: 0 }, /timeoutMs must be a positive number/],
    [
      'a bad cookie name',
      { ...valid, cookieName: 'pelm state' },
      /cookieName "pelm state" is not a valid cookie name/,
    ],
    ['a relative cookie path', { ...valid, cookiePath: 'api' }, /cookiePath must start with "\/"/],
    [
      'a __Host- cookie without Path=/',
      { ...valid, cookieName: '__Host-pelm_state', secureCookie: true },
      /"__Host-" needs cookiePath: "\/" and Secure/,
    ],
    [
      'a __Secure- cookie without secureCookie',
      { ...valid, cookieName: '__Secure-pelm_state' },
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
  ])('pelmRoutes throws on %s', (_, options, message) => {
    expect(() => pelmRoutes(options)).toThrow(message)
  })

  it('names the factory that was misconfigured', () => {
    expect(() => exchangeHandler({ ...valid, secret: '' })).toThrow(/^exchangeHandler: secret/)
    expect(() => connectTokenHandler({ ...valid, cookieSecret: '' })).toThrow(
      /^connectTokenHandler: cookieSecret/,
    )
    expect(() => connectionHandlers({ getUserId: valid.getUserId } as never)).toThrow(
      /^connectionHandlers: tokenStore/,
    )
  })

  it('asks each handler only for what it uses', () => {
    expect(() => connectTokenHandler(without('tokenStore'))).not.toThrow()
    expect(() => exchangeHandler(without('redirectUri'))).not.toThrow()
    expect(() =>
      connectionHandlers({ getUserId: valid.getUserId, tokenStore: valid.tokenStore }),
    ).not.toThrow()
  })
})
