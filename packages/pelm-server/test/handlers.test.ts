import { createPelmMock } from '@acme/pelm-mock'
import { Hono } from 'hono'
import { describe, expect, it } from 'vitest'
import { memoryConnectionStore } from '../src/connection-stores/memory'
import { connectTokenHandler } from '../src/hono/connect-token-handler'
import { connectionsHandlers } from '../src/hono/connections-handlers'
import { exchangeHandler } from '../src/hono/exchange-handler'
import type { ConnectTokenHandlerOptions } from '../src/hono/options'
import type { ConnectionsResponse, ExchangeResponse } from '../src/hono/wire'
import { APP, bindingCookie, COOKIE_SECRET, codeFor, errorOf, REDIRECT_URI } from './harness'

describe('the handlers alone, on routes of the app’s choosing', () => {
  function app(cookie: Partial<ConnectTokenHandlerOptions> = {}) {
    const mock = createPelmMock()
    const connectionStore = memoryConnectionStore()
    const shared = {
      clientId: mock.credentials.clientId,
      secret: mock.credentials.secret,
      apiUrl: mock.apiUrl,
      fetch: mock.fetch,
      cookieSecret: COOKIE_SECRET,
      getUserId: () => 'alice',
      connectionStore,
      ...cookie,
    }
    let nextRan = false
    const hono = new Hono()
    hono.post('/auth/pelm/start', connectTokenHandler({ ...shared, redirectUri: REDIRECT_URI }))
    hono.post('/auth/pelm/finish', exchangeHandler(shared), () => {
      nextRan = true
      return new Response('next handler')
    })
    const connections = connectionsHandlers(shared)
    hono.get('/auth/pelm/mine', connections.list)
    hono.delete('/auth/pelm/mine/:id', connections.delete)
    // the app's own error handler must not change the JSON errors of the handlers
    hono.onError(() => new Response('app error page', { status: 500 }))
    const send = (method: string, path: string, body?: unknown, cookie = '') =>
      hono.request(`${APP}${path}`, {
        method,
        headers: { 'content-type': 'application/json', origin: APP, cookie },
        body: typeof body === 'string' || body === undefined ? body : JSON.stringify(body),
      })
    return { mock, connectionStore, send, nextRan: () => nextRan }
  }

  it('connects with the cookie path set to the handlers’ directory, then lists and deletes', async () => {
    const { mock, connectionStore, send, nextRan } = app()
    const started = await send('POST', '/auth/pelm/start', {})
    expect(started.status).toBe(200)
    expect(started.headers.getSetCookie()[0]).toContain('Path=/auth/pelm;')
    const { connectUrl } = (await started.json()) as { connectUrl: string }
    const url = new URL(connectUrl)
    const body = { code: codeFor(mock, url), state: url.searchParams.get('state') }
    const finished = await send('POST', '/auth/pelm/finish', body, bindingCookie(started))
    expect(finished.status).toBe(200)
    const { connection } = (await finished.json()) as ExchangeResponse
    expect(connection.status).toBe('active')
    expect(nextRan()).toBe(false)
    expect((await connectionStore.get('alice', connection.id))?.accessToken).toBeDefined()

    const listed = (await (await send('GET', '/auth/pelm/mine')).json()) as ConnectionsResponse
    expect(listed.connections).toEqual([connection])
    const deleted = await send('DELETE', `/auth/pelm/mine/${connection.id}`)
    expect(deleted.status).toBe(204)
    expect(await connectionStore.list('alice')).toEqual([])
  })

  it('answers its JSON errors whatever the app’s error handler does', async () => {
    const { send } = app()
    const response = await send('POST', '/auth/pelm/finish', { code: 'c', state: 's' })
    expect(response.status).toBe(400)
    expect(await errorOf(response)).toMatchObject({ code: 'state_missing' })
    const malformed = await send('POST', '/auth/pelm/finish', '{"code":')
    expect(malformed.status).toBe(400)
    expect(await errorOf(malformed)).toMatchObject({ code: 'invalid_body' })
    const unknown = await send('DELETE', '/auth/pelm/mine/nope')
    expect(unknown.status).toBe(404)
    expect(await errorOf(unknown)).toMatchObject({ code: 'connection_not_found' })
  })

  // Issue 18.5 (its start-up half): the exchange only reads the binding cookie, so a prefixed
  // name must not need the Secure and Path options that only the handler setting it takes.
  it.each([
    ['__Secure-', { cookieName: '__Secure-pelm_binding', secureCookie: true }],
    ['__Host-', { cookieName: '__Host-pelm_binding', secureCookie: true, cookiePath: '/' }],
  ])('works with a %s cookie name on every handler', async (_, cookie) => {
    const { mock, send } = app(cookie)
    const started = await send('POST', '/auth/pelm/start', {})
    expect(started.headers.getSetCookie()[0]).toMatch(new RegExp(`^${cookie.cookieName}=.*Secure`))
    const url = new URL(((await started.json()) as { connectUrl: string }).connectUrl)
    const body = { code: codeFor(mock, url), state: url.searchParams.get('state') }
    const finished = await send(
      'POST',
      '/auth/pelm/finish',
      body,
      bindingCookie(started, cookie.cookieName),
    )
    expect(finished.status).toBe(200)
  })
})
