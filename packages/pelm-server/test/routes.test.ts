import { completeConnect } from '@acme/pelm-mock/testing'
import { describe, expect, it } from 'vitest'
import type { ConnectTokenResponse, ExchangeResponse } from '../src/hono/wire'
import { errorOf, harness, REDIRECT_URI } from './harness'

describe('pelmRoutes: the happy path', () => {
  it('connects, lists and disconnects through the hosted Connect pages, never handing out the token', async () => {
    const h = harness()
    const before = Date.now()
    const { state, cookie, connectUrl, response } = await h.start('alice', { utilitySlug: 'pge' })

    // connect-token: the answer, the URL and the binding cookie
    const body = (await response.json()) as ConnectTokenResponse
    expect(Object.keys(body).sort()).toEqual(['connectUrl', 'expiresAt', 'expiresIn'])
    // the same deadline, relative: 29 minutes (Pelm's 30, less the one-minute margin)
    expect(body.expiresIn).toBeGreaterThanOrEqual(29 * 60 - 1)
    expect(body.expiresIn).toBeLessThanOrEqual(29 * 60)
    const expiresAt = Date.parse(body.expiresAt)
    expect(body.expiresAt).toBe(new Date(expiresAt).toISOString())
    expect(expiresAt).toBeGreaterThanOrEqual(before + 29 * 60_000 - 1000)
    expect(expiresAt).toBeLessThanOrEqual(Date.now() + 29 * 60_000)
    expect(`${connectUrl.origin}${connectUrl.pathname}`).toBe(h.mock.connectUrl)
    expect(connectUrl.searchParams.get('redirect_uri')).toBe(REDIRECT_URI)
    expect(connectUrl.searchParams.get('connect_token')).toMatch(/^ct_/)
    expect(state).toMatch(/^[A-Za-z0-9_.-]{60,200}$/)
    expect(response.headers.get('cache-control')).toBe('no-store')
    expect(response.headers.getSetCookie()).toEqual([
      `${cookie}; Max-Age=1800; Path=/api/pelm; HttpOnly; SameSite=Lax`,
    ])

    // the wire format the sandbox received: a server-minted user_id, never the app's user id
    const [created] = h.mock.requests
    expect(created).toMatchObject({
      method: 'POST',
      path: '/auth/connect-token',
      contentType: 'application/x-www-form-urlencoded',
      body: { user_id: expect.stringMatching(/^[A-Za-z0-9_-]{22}$/), utility_slug: 'pge' },
    })
    expect(created?.headers['pelm-client-id']).toBe(h.mock.credentials.clientId)
    expect(created?.headers['pelm-secret']).toBe(h.mock.credentials.secret)

    // Connect's hosted pages hand back to the redirect URI with the state echoed
    const back = await completeConnect(connectUrl, { fetch: h.mock.fetch })
    expect(`${back.origin}${back.pathname}`).toBe(REDIRECT_URI)
    expect(back.searchParams.get('state')).toBe(state)
    const code = back.searchParams.get('code') ?? ''

    const exchanged = await h.exchange('alice', { code, state }, cookie)
    expect(exchanged.status).toBe(200)
    expect(exchanged.headers.get('cache-control')).toBe('no-store')
    expect(exchanged.headers.getSetCookie()).toEqual([])
    const { connection } = (await exchanged.json()) as ExchangeResponse
    expect(connection).toEqual({
      id: expect.stringMatching(/^[A-Za-z0-9_-]{22}$/),
      connectedAt: expect.any(String),
      utility: { slug: 'pge', id: '1', name: 'Pacific Gas and Electric' },
      status: 'active',
    })
    const tokenCall = h.mock.requests.find((entry) => entry.path === '/auth/token')
    expect(tokenCall).toMatchObject({ method: 'POST', body: { code, grant_type: 'code' } })
    expect(tokenCall?.contentType).toBe('application/x-www-form-urlencoded')

    // the token went to the store; the app heard the connection, not the token
    const [record] = await h.connectionStore.list('alice')
    expect(record).toMatchObject({ id: connection.id, pelmUserId: connection.id })
    expect(h.mock.store.findByAccessToken(record?.accessToken ?? '')?.utility.slug).toBe('pge')
    expect(h.connected).toEqual([{ userId: 'alice', connection, renewed: false }])

    // list, disconnect, and disconnect again
    const listed = await h.request('GET', '/connections', { user: 'alice' })
    expect(listed.headers.get('cache-control')).toBe('no-store')
    expect(await listed.json()).toEqual({ connections: [connection] })
    const gone = await h.request('DELETE', `/connections/${connection.id}`, { user: 'alice' })
    expect(gone.status).toBe(204)
    expect(await gone.text()).toBe('')
    expect(await h.list('alice')).toEqual([])
    const again = await h.request('DELETE', `/connections/${connection.id}`, { user: 'alice' })
    expect(again.status).toBe(404)

    // nothing the browser received carries a token or a secret
    const seen = JSON.stringify(h.responses)
    for (const secret of [record?.accessToken, h.mock.credentials.secret, code])
      expect(seen).not.toContain(secret)
    expect(JSON.stringify(h.events)).not.toContain(record?.accessToken)
  })

  it('marks the binding cookie Secure on https', async () => {
    const h = harness()
    const response = await h.app.request('https://app.localhost/api/pelm/connect-token', {
      method: 'POST',
      headers: { origin: 'https://app.localhost', cookie: 'session=alice' },
    })
    expect(response.status).toBe(200)
    expect(response.headers.getSetCookie()[0]).toContain('; Secure')
  })

  it('marks the cookie Secure when redirectUri is https, even behind a TLS-terminating proxy', async () => {
    const h = harness({ redirectUri: 'https://app.example.com/pelm/callback' })
    const { response } = await h.start('alice')
    expect(response.headers.getSetCookie()[0]).toContain('; Secure')
  })

  // Issue 18.5: `HTTPS://…` was matched case-sensitively: no Secure, and `__Secure-` refused.
  it('reads an upper-case HTTPS redirectUri as https: Secure, and a __Secure- name accepted', async () => {
    const redirectUri = 'HTTPS://app.example.com/pelm/callback'
    const plain = harness({ redirectUri })
    expect((await plain.start('alice')).response.headers.getSetCookie()[0]).toContain('; Secure')
    const prefixed = harness({ redirectUri, cookieName: '__Secure-pelm_binding' })
    const { response } = await prefixed.start('alice')
    expect(response.headers.getSetCookie()[0]).toMatch(/^__Secure-pelm_binding=.*; Secure/)
  })

  it('accepts what a browser client sends: a JSON content type on a bodyless GET and DELETE', async () => {
    const h = harness()
    const connection = await h.connectWithCode('alice')
    const json = { 'content-type': 'application/json' }
    const listed = await h.request('GET', '/connections', { user: 'alice', headers: json })
    expect(listed.status).toBe(200)
    const path = `/connections/${connection.id}`
    expect((await h.request('DELETE', path, { user: 'alice', headers: json })).status).toBe(204)
  })

  it('sends Pelm a server-minted user id, whatever the body claims', async () => {
    const h = harness()
    await h.start('alice', { userId: 'mallory', user_id: 'mallory', id: 'mine', utilityId: '1' })
    expect(h.mock.requests[0]?.body).toEqual({
      user_id: expect.stringMatching(/^[A-Za-z0-9_-]{22}$/),
      utility_id: '1',
    })
  })

  it.each([
    ['no body', undefined, undefined],
    ['an empty JSON body', '', 'application/json'],
    ['{}', '{}', 'application/json'],
    [
      'null fields',
      '{"utilityId":null,"utilitySlug":null,"connectionId":null}',
      'application/json',
    ],
  ])('accepts %s on /connect-token as a new connection', async (_, body, type) => {
    const h = harness()
    const response = await h.request('POST', '/connect-token', {
      user: 'alice',
      body,
      headers: type ? { 'content-type': type } : {},
    })
    expect(response.status).toBe(200)
    expect(h.mock.requests[0]?.body).toEqual({ user_id: expect.any(String) })
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
})

describe('pelmRoutes: refusals', () => {
  it('answers 401 unauthenticated on every route without a user', async () => {
    const h = harness()
    const { state, cookie } = await h.start('alice')
    const connection = await h.connectWithCode('alice')
    const calls = [
      h.request('POST', '/connect-token', { body: {} }),
      h.exchange(undefined, { code: 'code_1', state }, cookie),
      h.request('GET', '/connections'),
      h.request('DELETE', `/connections/${connection.id}`),
    ]
    const upstream = h.mock.requests.length
    for (const response of await Promise.all(calls)) {
      expect(response.status).toBe(401)
      expect(await errorOf(response)).toMatchObject({ code: 'unauthenticated' })
    }
    expect(h.mock.requests).toHaveLength(upstream)
    expect(await h.connectionStore.list('alice')).toHaveLength(1)
  })

  it('answers 401 when getUserId returns an empty string or null', async () => {
    for (const id of ['', null]) {
      const h = harness({ getUserId: () => id })
      const response = await h.request('GET', '/connections', { user: 'alice' })
      expect(response.status).toBe(401)
      expect(await errorOf(response)).toMatchObject({ code: 'unauthenticated' })
    }
  })

  it('answers unknown paths and methods, and the 0.1 routes, with 404 JSON', async () => {
    const h = harness()
    for (const [method, path] of [
      ['GET', '/nope'],
      ['GET', '/exchange'],
      ['PUT', '/connections'],
      ['GET', '/connections/abc'],
      ['GET', '/connection'],
      ['DELETE', '/connection'],
    ] as const) {
      const response = await h.request(method, path, { user: 'alice' })
      expect(response.status).toBe(404)
      expect(response.headers.get('content-type')).toMatch(/^application\/json/)
      expect(await errorOf(response)).toMatchObject({ code: 'not_found' })
    }
  })

  it('maps an unexpected throw to 500 internal_error without details', async () => {
    const h = harness({
      getUserId: () => {
        throw new Error('database password=hunter2 unreachable')
      },
    })
    const response = await h.request('GET', '/connections', { user: 'alice' })
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
