import { Hono } from 'hono'
import { describe, expect, it } from 'vitest'
import { memoryConnectionStore } from '../src/connection-stores/memory'
import { connectTokenHandler } from '../src/hono/connect-token-handler'
import { exchangeHandler } from '../src/hono/exchange-handler'
import {
  APP,
  bindingCookie,
  COOKIE_SECRET,
  codeFor,
  errorOf,
  harness,
  REDIRECT_URI,
} from './harness'

describe('states for many tabs', () => {
  it('keeps every tab’s Connect URL usable: the first tab finishes, then the second', async () => {
    const app = harness()
    const first = await app.start('alice')
    // The second tab sends the cookie the first one got: the same browser.
    const second = await app.start('alice', {}, first.cookie)
    expect(second.cookie).toBe(first.cookie)
    for (const [tab, login] of [
      [first, 'first@example.com'],
      [second, 'second@example.com'],
    ] as const) {
      const response = await app.exchange(
        'alice',
        { code: codeFor(app.mock, tab.connectUrl, login), state: tab.state },
        tab.cookie,
      )
      expect(response.status, await response.clone().text()).toBe(200)
    }
    expect(await app.connectionStore.list('alice')).toHaveLength(2)
  })

  it('refuses a state in another browser, for another user, or a second time', async () => {
    const app = harness()
    const tab = await app.start('alice')
    const elsewhere = await app.start('alice') // another browser: another binding
    expect(elsewhere.cookie).not.toBe(tab.cookie)
    const code = () => codeFor(app.mock, tab.connectUrl)
    const tries = [
      app.exchange('alice', { code: code(), state: tab.state }, elsewhere.cookie),
      app.exchange('mallory', { code: code(), state: tab.state }, tab.cookie),
      app.exchange('alice', { code: code(), state: tab.state }),
    ]
    const answers = await Promise.all(
      tries.map(async (pending) => {
        const response = await pending
        return [response.status, (await errorOf(response)).code]
      }),
    )
    expect(answers).toEqual([
      [403, 'state_mismatch'],
      [403, 'state_mismatch'],
      [400, 'state_missing'],
    ])
    const ok = await app.exchange('alice', { code: code(), state: tab.state }, tab.cookie)
    expect(ok.status).toBe(200)
    const replay = await app.exchange('alice', { code: code(), state: tab.state }, tab.cookie)
    expect([replay.status, (await errorOf(replay)).code]).toEqual([409, 'state_used'])
    expect(app.upstreamCalls('POST', '/auth/token')).toBe(1)
  })

  it('slides the binding cookie: each new state renews it, HttpOnly and limited to the mount', async () => {
    const app = harness()
    const first = await app.start('alice')
    const header = first.response.headers.getSetCookie().join()
    expect(header).toMatch(
      /^pelm_binding=[A-Za-z0-9_-]{43}; Max-Age=1800; Path=\/api\/pelm; HttpOnly; SameSite=Lax$/,
    )
    const second = await app.start('alice', {}, first.cookie)
    expect(second.response.headers.getSetCookie().join()).toContain(`${first.cookie}; Max-Age=1800`)
    // The exchange leaves the binding alone: other tabs still need it.
    const done = await app.exchange(
      'alice',
      { code: codeFor(app.mock, first.connectUrl), state: first.state },
      first.cookie,
    )
    expect(done.headers.getSetCookie()).toEqual([])
  })

  it('replaces a malformed binding cookie with a fresh one', async () => {
    const app = harness()
    const started = await app.start('alice', {}, 'pelm_binding=forged')
    expect(bindingCookie(started.response)).toMatch(/^pelm_binding=[A-Za-z0-9_-]{43}$/)
  })

  it('works with the exchange route below the connect-token route (the state stays one-time)', async () => {
    const mock = (await import('@acme/pelm-mock')).createPelmMock()
    const connectionStore = memoryConnectionStore()
    const shared = {
      clientId: mock.credentials.clientId,
      secret: mock.credentials.secret,
      apiUrl: mock.apiUrl,
      connectUrl: mock.connectUrl,
      fetch: mock.fetch,
      cookieSecret: COOKIE_SECRET,
      getUserId: () => 'alice',
      connectionStore,
    }
    const app = new Hono()
    app.post('/auth/pelm/start', connectTokenHandler({ ...shared, redirectUri: REDIRECT_URI }))
    app.post('/auth/pelm/callback/finish', exchangeHandler(shared))
    const post = (path: string, body: unknown, cookie = '') =>
      app.request(`${APP}${path}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', origin: APP, cookie },
        body: JSON.stringify(body),
      })
    const started = await post('/auth/pelm/start', {})
    expect(started.headers.getSetCookie()[0]).toContain('Path=/auth/pelm;')
    const { connectUrl } = (await started.json()) as { connectUrl: string }
    const url = new URL(connectUrl)
    const body = { code: codeFor(mock, url), state: url.searchParams.get('state') }
    const finished = await post('/auth/pelm/callback/finish', body, bindingCookie(started))
    expect(finished.status).toBe(200)
    // No cookie is cleared on a path the browser never stored it under.
    expect(finished.headers.getSetCookie()).toEqual([])
    const replay = await post('/auth/pelm/callback/finish', body, bindingCookie(started))
    expect((await errorOf(replay)).code).toBe('state_used')
  })
})
