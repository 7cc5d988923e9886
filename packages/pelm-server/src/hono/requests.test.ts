import { describe, expect, it } from 'vitest'
import { codeFor, errorOf, harness } from './test-support'

describe('request bodies', () => {
  it('refuses a POST that is not JSON with 415', async () => {
    const h = harness()
    const asText = await h.request('POST', '/connect-token', {
      user: 'alice',
      body: 'utilityId=1',
      headers: { 'content-type': 'text/plain' },
    })
    expect(asText.status).toBe(415)
    expect(await errorOf(asText)).toMatchObject({ code: 'unsupported_media_type' })
    const asForm = await h.request('POST', '/exchange', {
      user: 'alice',
      body: 'code=c&state=s',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
    })
    expect(asForm.status).toBe(415)
    const withoutType = await h.request('POST', '/exchange', {
      user: 'alice',
      body: '{"code":"c"}',
      headers: { 'content-type': '' },
    })
    expect(withoutType.status).toBe(415)
    expect(h.mock.requests).toHaveLength(0)
  })

  it('refuses malformed JSON with 400 invalid_body', async () => {
    const h = harness()
    const response = await h.request('POST', '/exchange', { user: 'alice', body: '{"code":' })
    expect(response.status).toBe(400)
    expect(await errorOf(response)).toEqual({
      code: 'invalid_body',
      message: 'The request body is not valid JSON.',
    })
  })

  it.each([
    ['a missing code', { state: 's' }],
    ['a numeric code', { code: 42, state: 's' }],
    ['an empty code', { code: '', state: 's' }],
    ['a numeric state', { code: 'c', state: 7 }],
    ['an array', [{ code: 'c' }]],
    ['a string', 'code'],
  ])('refuses %s on /exchange with 400 invalid_body', async (_, body) => {
    const h = harness()
    const response = await h.request('POST', '/exchange', { user: 'alice', body })
    expect(response.status).toBe(400)
    expect(await errorOf(response)).toMatchObject({ code: 'invalid_body' })
    expect(h.tokenCalls()).toBe(0)
  })

  it('refuses a non-string utility on /connect-token', async () => {
    const h = harness()
    const response = await h.request('POST', '/connect-token', {
      user: 'alice',
      body: { utilityId: 1 },
    })
    expect(await errorOf(response)).toMatchObject({
      code: 'invalid_body',
      message: expect.stringContaining('utilityId'),
    })
  })

  it('refuses bodies over maxBodyBytes with 413, with or without Content-Length', async () => {
    const h = harness({ maxBodyBytes: 256 })
    const big = JSON.stringify({ code: 'c'.repeat(300), state: 's' })
    const declared = await h.request('POST', '/exchange', {
      user: 'alice',
      body: big,
      headers: { 'content-length': String(big.length) },
    })
    expect(declared.status).toBe(413)
    expect(await errorOf(declared)).toMatchObject({ code: 'payload_too_large' })
    const streamed = await h.app.request('http://app.localhost/api/pelm/exchange', {
      method: 'POST',
      headers: {
        cookie: 'session=alice',
        'content-type': 'application/json',
        origin: 'http://app.localhost',
      },
      body: new Blob([big]).stream(),
      duplex: 'half',
    } as RequestInit)
    expect(streamed.status).toBe(413)
    expect(h.tokenCalls()).toBe(0)
  })
})

describe('cross-origin requests', () => {
  const evil = 'https://evil.example'

  it.each([
    ['POST', '/connect-token'],
    ['POST', '/exchange'],
    ['DELETE', '/connection'],
  ])('refuses %s %s from another origin with 403 cross_origin_request', async (method, path) => {
    const h = harness()
    await h.tokenStore.set('alice', { accessToken: 'at', connectedAt: new Date().toISOString() })
    const response = await h.request(method, path, {
      user: 'alice',
      origin: evil,
      body: method === 'POST' ? {} : undefined,
    })
    expect(response.status).toBe(403)
    expect(await errorOf(response)).toMatchObject({ code: 'cross_origin_request' })
    expect(h.mock.requests).toHaveLength(0)
    expect(await h.tokenStore.get('alice')).toBeDefined()
  })

  it('refuses a cross-site form POST with 403 (before 415)', async () => {
    const h = harness()
    const response = await h.request('POST', '/exchange', {
      user: 'alice',
      origin: evil,
      body: 'code=c&state=s',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
    })
    expect(response.status).toBe(403)
  })

  it('refuses a browser request marked cross-site even without Origin', async () => {
    const h = harness()
    const response = await h.request('POST', '/connect-token', {
      user: 'alice',
      origin: null,
      body: {},
      headers: { 'sec-fetch-site': 'cross-site' },
    })
    expect(response.status).toBe(403)
  })

  it('allows same-origin requests, Sec-Fetch-Site same-origin behind a proxy, allowed origins and non-browser clients', async () => {
    const h = harness({ allowedOrigins: ['https://web.example'] })
    const cases: { origin: string | null | undefined; headers: Record<string, string> }[] = [
      { origin: undefined, headers: {} },
      { origin: 'https://public.example', headers: { 'sec-fetch-site': 'same-origin' } },
      { origin: 'https://web.example', headers: { 'sec-fetch-site': 'cross-site' } },
      { origin: null, headers: {} },
    ]
    for (const { origin, headers } of cases) {
      const response = await h.request('POST', '/connect-token', {
        user: 'alice',
        origin,
        body: {},
        headers,
      })
      expect(response.status).toBe(200)
    }
  })

  it('leaves GET /connection readable by the same app without Origin', async () => {
    const h = harness()
    const response = await h.request('GET', '/connection', { user: 'alice', origin: null })
    expect(response.status).toBe(200)
  })

  it('does not let a cross-origin exchange spend a code', async () => {
    const h = harness()
    const { state, cookie } = await h.start('alice')
    const code = codeFor(h.mock, 'alice')
    const forged = await h.request('POST', '/exchange', {
      user: 'alice',
      origin: evil,
      body: { code, state },
      cookie,
    })
    expect(forged.status).toBe(403)
    expect((await h.exchange('alice', { code, state }, cookie)).status).toBe(200)
  })
})
