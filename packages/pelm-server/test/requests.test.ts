import { createPelmMock } from '@acme/pelm-mock'
import { describe, expect, it } from 'vitest'
import { codeFor, errorOf, harness } from './harness'

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
    const textOnConnectToken = await h.request('POST', '/connect-token', {
      user: 'alice',
      body: '{}',
      headers: { 'content-type': '' },
    })
    expect(textOnConnectToken.status).toBe(415)
    expect(h.mock.requests).toHaveLength(0)
  })

  it('refuses malformed JSON with 400 invalid_body', async () => {
    const h = harness()
    for (const path of ['/exchange', '/connect-token']) {
      const response = await h.request('POST', path, { user: 'alice', body: '{"code":' })
      expect(response.status).toBe(400)
      expect(await errorOf(response)).toEqual({
        code: 'invalid_body',
        message: 'The request body is not valid JSON.',
      })
    }
  })

  it.each([
    ['a missing code', '{"state":"s"}'],
    ['a numeric code', '{"code":42,"state":"s"}'],
    ['an empty code', '{"code":"","state":"s"}'],
    ['a numeric state', '{"code":"c","state":7}'],
    ['an array', '[{"code":"c"}]'],
    ['a string', '"code"'],
    ['an empty body', ''],
  ])('refuses %s on /exchange with 400 invalid_body', async (_, body) => {
    const h = harness()
    const response = await h.request('POST', '/exchange', { user: 'alice', body })
    expect(response.status).toBe(400)
    expect(await errorOf(response)).toMatchObject({ code: 'invalid_body' })
    expect(h.mock.requests).toHaveLength(0)
  })

  it.each([
    ['an empty array', '[]'],
    ['an array of a body', '[{"utilitySlug":"pge"}]'],
    ['null', 'null'],
  ])('refuses %s on /connect-token with 400 invalid_body, before Pelm', async (_, body) => {
    const h = harness()
    const response = await h.request('POST', '/connect-token', { user: 'alice', body })
    expect(response.status).toBe(400)
    expect(await errorOf(response)).toMatchObject({ code: 'invalid_body' })
    expect(h.mock.requests).toHaveLength(0)
    expect(response.headers.getSetCookie()).toEqual([])
  })

  it.each([
    ['a numeric utility', { utilityId: 1 }, 'utilityId'],
    ['a numeric connection id', { connectionId: 7 }, 'connectionId'],
    ['an overlong connection id', { connectionId: 'c'.repeat(201) }, 'connectionId'],
  ])('refuses %s on /connect-token, naming the field', async (_, body, field) => {
    const h = harness()
    const response = await h.request('POST', '/connect-token', { user: 'alice', body })
    expect(response.status).toBe(400)
    expect(await errorOf(response)).toMatchObject({
      code: 'invalid_body',
      message: expect.stringContaining(field),
    })
    expect(h.mock.requests).toHaveLength(0)
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
    const streamed = await h.send(
      new Request(`${h.origin}/api/pelm/connect-token`, {
        method: 'POST',
        headers: { cookie: 'session=alice', 'content-type': 'application/json', origin: h.origin },
        body: new Blob([big]).stream(),
        duplex: 'half',
      } as RequestInit),
    )
    expect(streamed.status).toBe(413)
    expect(await errorOf(streamed)).toMatchObject({ code: 'payload_too_large' })
    expect(h.mock.requests).toHaveLength(0)
  })
})

describe('cross-origin requests', () => {
  const evil = 'https://evil.example'

  it.each([
    ['POST', '/connect-token'],
    ['POST', '/exchange'],
    ['DELETE', '/connections/:id'],
  ])('refuses %s %s from another origin with 403 cross_origin_request', async (method, path) => {
    const h = harness()
    const connection = await h.connectWithCode('alice')
    const upstream = h.mock.requests.length
    const response = await h.request(method, path.replace(':id', connection.id), {
      user: 'alice',
      origin: evil,
      body: method === 'POST' ? {} : undefined,
    })
    expect(response.status).toBe(403)
    expect(await errorOf(response)).toMatchObject({ code: 'cross_origin_request' })
    expect(h.mock.requests).toHaveLength(upstream)
    expect(await h.connectionStore.list('alice')).toHaveLength(1)
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

  // Issue 18.3: behind a TLS-terminating proxy the request URL says http://internal:3000, while
  // a browser without Sec-Fetch-Site (Safari before 16.4) sends Origin https://demo.example.com.
  it('allows redirectUri’s origin behind a TLS-terminating proxy, and still refuses others', async () => {
    const h = harness({ redirectUri: 'https://demo.example.com/pelm/callback' }, createPelmMock(), {
      origin: 'http://internal:3000',
    })
    const publicOrigin = 'https://demo.example.com'
    const started = await h.request('POST', '/connect-token', {
      user: 'alice',
      origin: publicOrigin,
      body: {},
    })
    expect(started.status).toBe(200)
    const connection = await h.connectWithCode('alice', {})
    for (const origin of [evil, 'http://demo.example.com', 'https://demo.example.com:8443']) {
      const refused = await h.request('POST', '/connect-token', { user: 'alice', origin, body: {} })
      expect(refused.status).toBe(403)
      const path = `/connections/${connection.id}`
      const kept = await h.request('DELETE', path, { user: 'alice', origin })
      expect(kept.status).toBe(403)
      expect(await errorOf(kept)).toMatchObject({ code: 'cross_origin_request' })
    }
    expect(await h.connectionStore.list('alice')).toHaveLength(1)
    const path = `/connections/${connection.id}`
    const deleted = await h.request('DELETE', path, { user: 'alice', origin: publicOrigin })
    expect(deleted.status).toBe(204)
  })

  it('leaves GET /connections readable by the same app without Origin', async () => {
    const h = harness()
    const response = await h.request('GET', '/connections', { user: 'alice', origin: null })
    expect(response.status).toBe(200)
  })

  it('does not let a cross-origin exchange spend a state or a code', async () => {
    const h = harness()
    const { state, cookie, connectUrl } = await h.start('alice')
    const code = codeFor(h.mock, connectUrl)
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
