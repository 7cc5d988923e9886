import { describe, expect, it } from 'vitest'
import { codeFor, errorOf, harness, REDIRECT_URI } from './test-support'

describe('pelmRoutes: the happy path', () => {
  it('connects a user end to end without the token ever reaching the browser', async () => {
    const h = harness()
    const before = Date.now()
    const { state, cookie, connectUrl, response } = await h.start('alice', { utilitySlug: 'pge' })

    // connect-token: the answer, the URL and the cookie
    const body = (await response.json()) as {
      connectUrl: string
      expiresAt: string
      expiresIn: number
    }
    expect(Object.keys(body).sort()).toEqual(['connectUrl', 'expiresAt', 'expiresIn'])
    // the same deadline, relative: 29 minutes (Pelm's 30, less the one-minute margin)
    expect(body.expiresIn).toBeGreaterThanOrEqual(29 * 60 - 1)
    expect(body.expiresIn).toBeLessThanOrEqual(29 * 60)
    expect(`${connectUrl.origin}${connectUrl.pathname}`).toBe(h.mock.connectUrl)
    expect(connectUrl.searchParams.get('redirect_uri')).toBe(REDIRECT_URI)
    expect(connectUrl.searchParams.get('connect_token')).toMatch(/^ct_/)
    expect(state).toMatch(/^[A-Za-z0-9_-]{43}$/)
    const expiresAt = Date.parse(body.expiresAt)
    expect(body.expiresAt).toBe(new Date(expiresAt).toISOString())
    expect(expiresAt).toBeGreaterThanOrEqual(before + 29 * 60_000 - 1000)
    expect(expiresAt).toBeLessThanOrEqual(Date.now() + 29 * 60_000)
    expect(response.headers.get('cache-control')).toBe('no-store')
    const setCookie = response.headers.getSetCookie()[0] ?? ''
    expect(setCookie).toMatch(/^pelm_state=v1\./)
    expect(setCookie).toContain('HttpOnly')
    expect(setCookie).toContain('SameSite=Lax')
    expect(setCookie).toContain('Path=/api/pelm')
    expect(setCookie).toContain('Max-Age=1800')
    expect(setCookie).not.toContain('Secure')

    // the wire format the sandbox received: user_id from the session
    const [created] = h.mock.requests
    expect(created).toMatchObject({
      method: 'POST',
      path: '/auth/connect-token',
      contentType: 'application/x-www-form-urlencoded',
      body: { user_id: 'alice', utility_slug: 'pge' },
    })
    expect(created?.headers['pelm-client-id']).toBe(h.mock.credentials.clientId)
    expect(created?.headers['pelm-secret']).toBe(h.mock.credentials.secret)

    // exchange
    const code = codeFor(h.mock, 'alice')
    const exchanged = await h.exchange('alice', { code, state }, cookie)
    expect(exchanged.status).toBe(200)
    expect(await exchanged.json()).toEqual({ connected: true })
    expect(exchanged.headers.getSetCookie()[0]).toMatch(
      /^pelm_state=;.*Max-Age=0.*Path=\/api\/pelm/,
    )
    const tokenCall = h.mock.requests.find((entry) => entry.path === '/auth/token')
    expect(tokenCall).toMatchObject({ method: 'POST', body: { code, grant_type: 'code' } })
    expect(tokenCall?.contentType).toBe('application/x-www-form-urlencoded')

    // the token went to the store, the app heard the user id only
    const record = await h.tokenStore.get('alice')
    expect(record?.utility).toEqual({ slug: 'pge' })
    expect(h.mock.store.findByAccessToken(record?.accessToken ?? '')?.userId).toBe('alice')
    expect(h.connected).toEqual([{ userId: 'alice' }])

    // connection status, disconnect, idempotent disconnect
    const status = await h.request('GET', '/connection', { user: 'alice' })
    expect(await status.json()).toEqual({
      connected: true,
      connectedAt: record?.connectedAt,
      utility: { slug: 'pge' },
    })
    expect((await h.request('DELETE', '/connection', { user: 'alice' })).status).toBe(204)
    expect(await (await h.request('GET', '/connection', { user: 'alice' })).json()).toEqual({
      connected: false,
    })
    expect((await h.request('DELETE', '/connection', { user: 'alice' })).status).toBe(204)

    // nothing the browser received carries a token or a secret
    const seen = JSON.stringify(h.responses)
    for (const secret of [record?.accessToken, h.mock.credentials.secret, code])
      expect(seen).not.toContain(secret)
    expect(JSON.stringify(h.events)).not.toContain(record?.accessToken)
  })

  it('marks the cookie Secure on https', async () => {
    const h = harness()
    const response = await h.app.request('https://app.localhost/api/pelm/connect-token', {
      method: 'POST',
      headers: { origin: 'https://app.localhost', cookie: 'session=alice' },
    })
    expect(response.status).toBe(200)
    expect(response.headers.getSetCookie()[0]).toContain('Secure')
  })

  it('marks the cookie Secure when redirectUri is https, even behind a TLS-terminating proxy', async () => {
    const h = harness({ redirectUri: 'https://app.example.com/pelm/callback' })
    const { response } = await h.start('alice')
    expect(response.headers.getSetCookie()[0]).toContain('Secure')
  })

  it('accepts what a browser client sends: JSON content type on a bodyless DELETE and GET', async () => {
    const h = harness()
    const json = { 'content-type': 'application/json' }
    expect((await h.request('GET', '/connection', { user: 'alice', headers: json })).status).toBe(
      200,
    )
    expect(
      (await h.request('DELETE', '/connection', { user: 'alice', headers: json })).status,
    ).toBe(204)
  })

  it('sends Pelm the session user, whatever the body claims', async () => {
    const h = harness()
    await h.start('alice', { userId: 'mallory', user_id: 'mallory', utilityId: '1' })
    expect(h.mock.requests[0]?.body).toEqual({ user_id: 'alice', utility_id: '1' })
  })

  it.each([
    ['no body', undefined, undefined],
    ['an empty JSON body', '', 'application/json'],
    ['{}', '{}', 'application/json'],
    ['null utility fields', '{"utilityId":null,"utilitySlug":null}', 'application/json'],
  ])('accepts %s on /connect-token', async (_, body, type) => {
    const h = harness()
    const response = await h.request('POST', '/connect-token', {
      user: 'alice',
      body,
      headers: type ? { 'content-type': type } : {},
    })
    expect(response.status).toBe(200)
    expect(h.mock.requests[0]?.body).toEqual({ user_id: 'alice' })
  })

  it('refuses utilityId with utilitySlug before calling Pelm', async () => {
    const h = harness()
    const response = await h.request('POST', '/connect-token', {
      user: 'alice',
      body: { utilityId: '1', utilitySlug: 'pge' },
    })
    expect(response.status).toBe(400)
    expect(await errorOf(response)).toMatchObject({
      code: 'invalid_body',
      message: expect.stringContaining('not both'),
    })
    expect(h.mock.requests).toHaveLength(0)
  })

  it('answers 401 unauthenticated on every route without a user', async () => {
    const h = harness()
    const { state, cookie } = await h.start('alice')
    const calls = [
      h.request('POST', '/connect-token', { body: {} }),
      h.exchange(undefined, { code: codeFor(h.mock, 'alice'), state }, cookie),
      h.request('GET', '/connection'),
      h.request('DELETE', '/connection'),
    ]
    for (const response of await Promise.all(calls)) {
      expect(response.status).toBe(401)
      expect(await errorOf(response)).toMatchObject({ code: 'unauthenticated' })
    }
    expect(h.mock.requests).toHaveLength(1)
  })

  it('answers 401 when getUserId returns an empty string or null', async () => {
    for (const id of ['', null]) {
      const h = harness({ getUserId: () => id })
      expect((await h.request('GET', '/connection', { user: 'alice' })).status).toBe(401)
    }
  })

  it('answers unknown paths and methods with 404 JSON', async () => {
    const h = harness()
    for (const [method, path] of [
      ['GET', '/nope'],
      ['GET', '/exchange'],
      ['PUT', '/connection'],
    ] as const) {
      const response = await h.request(method, path, { user: 'alice' })
      expect(response.status).toBe(404)
      expect(await errorOf(response)).toMatchObject({ code: 'not_found' })
    }
  })

  it('maps an unexpected throw to 500 internal_error without details', async () => {
    const h = harness({
      getUserId: () => {
        throw new Error('database password=hunter2 unreachable')
      },
    })
    const response = await h.request('GET', '/connection', { user: 'alice' })
    expect(response.status).toBe(500)
    const text = await response.text()
    expect(JSON.parse(text)).toEqual({
      error: { code: 'internal_error', message: 'Something went wrong on the server.' },
    })
    expect(text).not.toContain('hunter2')
    expect(h.events.at(-1)).toMatchObject({
      level: 'error',
      event: 'internal_error',
      error: { name: 'Error' },
    })
  })
})
