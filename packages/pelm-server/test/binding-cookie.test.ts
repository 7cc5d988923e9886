import type { AddressInfo } from 'node:net'
import { createPelmMock } from '@acme/pelm-mock'
import { serve } from '@hono/node-server'
import { Hono } from 'hono'
import { describe, expect, it } from 'vitest'
import { memoryConnectionStore } from '../src/connection-stores/memory'
import { pelmRoutes } from '../src/hono/routes'
import { bindingCookie, COOKIE_SECRET, codeFor, errorOf, harness } from './harness'

/** RFC 6265 §5.1.4: whether a browser sends a cookie with `cookiePath` to `requestPath`. */
function pathMatches(cookiePath: string, requestPath: string): boolean {
  if (cookiePath === requestPath) return true
  if (!requestPath.startsWith(cookiePath)) return false
  return cookiePath.endsWith('/') || requestPath[cookiePath.length] === '/'
}

const pathOf = (response: Response) =>
  /; Path=([^;]*)/.exec(response.headers.getSetCookie()[0] ?? '')?.[1]

// The browser sends a cookie back only when its Path matches the request path as sent on the
// wire, percent-encoded. Mounted under a parameter (`/t/:tenant/pelm`), the path held a decoded
// space or `é` (never sent back: the exchange answered state_missing), or a `€` (500).
describe('the binding cookie’s path, mounted under a parameter', () => {
  function tenantApp() {
    const mock = createPelmMock()
    const app = new Hono()
    app.route(
      '/t/:tenant/pelm',
      pelmRoutes({
        clientId: mock.credentials.clientId,
        secret: mock.credentials.secret,
        apiUrl: mock.apiUrl,
        connectUrl: mock.connectUrl,
        fetch: mock.fetch,
        redirectUri: 'http://app.localhost/pelm/callback',
        cookieSecret: COOKIE_SECRET,
        getUserId: () => 'alice',
        connectionStore: memoryConnectionStore(),
        rateLimits: false,
      }),
    )
    const post = (path: string, body: unknown, cookie = '') =>
      app.request(`http://app.localhost${path}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', cookie },
        body: JSON.stringify(body),
      })
    return { app, mock, post }
  }

  it('sets the encoded path behind a real Node listener too', async () => {
    const { app } = tenantApp()
    const server = serve({ fetch: app.fetch, hostname: '127.0.0.1', port: 0 })
    try {
      await new Promise<void>((resolve) =>
        server.listening ? resolve() : server.once('listening', resolve),
      )
      const { port } = server.address() as AddressInfo
      const response = await fetch(`http://127.0.0.1:${port}/t/caf%C3%A9%20x/pelm/connect-token`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: '{}',
      })
      expect(response.status).toBe(200)
      expect(pathOf(response)).toBe('/t/caf%C3%A9%20x/pelm')
    } finally {
      await new Promise((resolve) => server.close(resolve))
    }
  })

  it.each([
    ['a plain tenant', 'acme', '/t/acme/pelm'],
    ['a space', 'my%20org', '/t/my%20org/pelm'],
    ['a non-ASCII letter', 'caf%C3%A9', '/t/caf%C3%A9/pelm'],
    ['a character outside Latin-1', '%E2%82%AC', '/t/%E2%82%AC/pelm'],
    ['an encoded semicolon', 'x%3B%20Domain%3Devil', '/t/x%3B%20Domain%3Devil/pelm'],
    ['a raw semicolon (no cookie path can hold one)', 'x;Domain=evil', '/t/'],
  ])(
    'sets the path as the browser sends it back, for %s, and the flow completes',
    async (_, tenant, expected) => {
      const { mock, post } = tenantApp()
      const started = await post(`/t/${tenant}/pelm/connect-token`, {})
      expect(started.status, await started.clone().text()).toBe(200)
      const path = pathOf(started)
      expect(path).toBe(expected)
      const exchangePath = `/t/${tenant}/pelm/exchange`
      expect(pathMatches(path ?? '', new URL(`http://app.localhost${exchangePath}`).pathname)).toBe(
        true,
      )
      const url = new URL(((await started.json()) as { connectUrl: string }).connectUrl)
      const body = { code: codeFor(mock, url), state: url.searchParams.get('state') }
      const finished = await post(exchangePath, body, bindingCookie(started))
      expect(finished.status, await finished.clone().text()).toBe(200)
    },
  )
})

// A sibling subdomain can toss `pelm_binding` for the parent domain with a longer Path, e.g.
// `/api/pelm/exchange`: browsers list it first (RFC 6265 §5.4) on every exchange, but not on
// connect-token. Only the first was read, so every flow of the victim failed (state_mismatch,
// or state_missing for a malformed one), however often they started again.
describe('several binding cookies in one request', () => {
  const tossed = `pelm_binding=${'A'.repeat(43)}`

  it.each([
    ['a well-formed binding', tossed],
    ['a malformed one', 'pelm_binding=x'],
    ['a quoted malformed one', 'pelm_binding="a,b"'],
  ])('completes the flow with %s tossed in first', async (_, cookie) => {
    const h = harness()
    const started = await h.start('alice')
    const code = codeFor(h.mock, started.connectUrl)
    const response = await h.exchange(
      'alice',
      { code, state: started.state },
      `${cookie}; ${started.cookie}`,
    )
    expect(response.status, await response.clone().text()).toBe(200)
  })

  it('still refuses a state whose binding the browser does not send, among several', async () => {
    const h = harness()
    const started = await h.start('alice')
    const code = codeFor(h.mock, started.connectUrl)
    const other = `pelm_binding=${'B'.repeat(43)}`
    const response = await h.exchange(
      'alice',
      { code, state: started.state },
      `${tossed}; ${other}`,
    )
    expect(response.status).toBe(403)
    expect(await errorOf(response)).toMatchObject({ code: 'state_mismatch' })
    expect(h.upstreamCalls('POST', '/auth/token')).toBe(0)
  })

  it('refuses another user’s state whichever binding it was signed with', async () => {
    const h = harness()
    const mallory = await h.start('mallory')
    const alice = await h.start('alice')
    const code = codeFor(h.mock, mallory.connectUrl)
    const response = await h.exchange(
      'alice',
      { code, state: mallory.state },
      `${mallory.cookie}; ${alice.cookie}`,
    )
    expect(response.status).toBe(403)
    expect(await errorOf(response)).toMatchObject({ code: 'state_mismatch' })
  })

  it('answers state_expired, not a mismatch, when the binding that signed it is second', async () => {
    let now = Date.now()
    const h = harness({ now: () => now })
    const started = await h.start('alice')
    now += 31 * 60_000
    const code = codeFor(h.mock, started.connectUrl)
    const response = await h.exchange(
      'alice',
      { code, state: started.state },
      `${tossed}; ${started.cookie}`,
    )
    expect(await errorOf(response)).toMatchObject({ code: 'state_expired' })
  })
})
