import { createPelmMock } from '@acme/pelm-mock'
import { Hono } from 'hono'
import { describe, expect, it } from 'vitest'
import { memoryTokenStore } from '../token-stores/memory'
import { connectTokenHandler } from './connect-token-handler'
import { connectionHandlers } from './connection-handlers'
import { exchangeHandler } from './exchange-handler'
import { APP, COOKIE_SECRET, codeFor, errorOf, REDIRECT_URI, stateCookie } from './test-support'

describe('the handlers alone, on routes of the app’s choosing', () => {
  function app() {
    const mock = createPelmMock()
    const tokenStore = memoryTokenStore()
    const shared = {
      clientId: mock.credentials.clientId,
      secret: mock.credentials.secret,
      apiUrl: mock.apiUrl,
      fetch: mock.fetch,
      cookieSecret: COOKIE_SECRET,
      getUserId: () => 'alice',
    }
    let nextRan = false
    const hono = new Hono()
    hono.post('/auth/pelm/start', connectTokenHandler({ ...shared, redirectUri: REDIRECT_URI }))
    hono.post('/auth/pelm/finish', exchangeHandler({ ...shared, tokenStore }), () => {
      nextRan = true
      return new Response('next handler')
    })
    const connection = connectionHandlers({ getUserId: shared.getUserId, tokenStore })
    hono.get('/auth/pelm/status', connection.get)
    // the app's own error handler must not change the JSON errors of the handlers
    hono.onError(() => new Response('app error page', { status: 500 }))
    const post = (path: string, body: unknown, cookie = '') =>
      hono.request(`${APP}${path}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', origin: APP, cookie },
        body: typeof body === 'string' ? body : JSON.stringify(body),
      })
    return { mock, tokenStore, hono, post, nextRan: () => nextRan }
  }

  it('connects with the cookie path set to the handlers’ directory', async () => {
    const { mock, tokenStore, hono, post, nextRan } = app()
    const started = await post('/auth/pelm/start', {})
    expect(started.status).toBe(200)
    expect(started.headers.getSetCookie()[0]).toContain('Path=/auth/pelm;')
    const { connectUrl } = (await started.json()) as { connectUrl: string }
    const state = new URL(connectUrl).searchParams.get('state')
    const finished = await post(
      '/auth/pelm/finish',
      { code: codeFor(mock, 'alice'), state },
      stateCookie(started),
    )
    expect(finished.status).toBe(200)
    expect(await finished.json()).toEqual({ connected: true })
    expect(nextRan()).toBe(false)
    expect((await tokenStore.get('alice'))?.accessToken).toBeDefined()
    const status = await hono.request(`${APP}/auth/pelm/status`)
    expect(await status.json()).toMatchObject({ connected: true })
  })

  it('answers its JSON errors whatever the app’s error handler does', async () => {
    const { post } = app()
    const response = await post('/auth/pelm/finish', { code: 'c', state: 's' })
    expect(response.status).toBe(400)
    expect(await errorOf(response)).toMatchObject({ code: 'state_missing' })
    const malformed = await post('/auth/pelm/finish', '{"code":')
    expect(malformed.status).toBe(400)
    expect(await errorOf(malformed)).toMatchObject({ code: 'invalid_body' })
  })
})
