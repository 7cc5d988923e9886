import { beforeEach, describe, expect, it } from 'vitest'
import { type SandboxDriver, sandboxDriver } from '../../test/sandbox-driver'
import { createPelmMock, type PelmMock } from '../create-pelm-mock'
import { CONNECT_TOKEN_TTL_MS } from '../sandbox/store'

let clock: number
let mock: PelmMock
let connect: SandboxDriver

beforeEach(() => {
  clock = Date.UTC(2025, 0, 1)
  mock = createPelmMock({ now: () => clock })
  connect = sandboxDriver(mock)
})

const redirectUri = 'https://app.example/cb'
const token = () => mock.store.createConnectToken('user-1').token

describe('entry', () => {
  it.each(['/', ''])('opens on %j after /connect', async (path) => {
    const page = await connect.open({ connect_token: token(), redirect_uri: redirectUri }, path)
    expect(page.status).toBe(200)
    expect(page.screen).toBe('terms')
  })

  it.each([
    ['no connect_token', () => ({ redirect_uri: redirectUri }), 400, 'parameter_missing'],
    [
      'an unknown connect_token',
      () => ({ connect_token: 'ct_nope', redirect_uri: redirectUri }),
      400,
      'token_invalid',
    ],
    ['no redirect_uri', () => ({ connect_token: token() }), 400, 'parameter_missing'],
    [
      'a javascript: redirect_uri',
      () => ({ connect_token: token(), redirect_uri: 'javascript:alert(1)' }),
      400,
      'parameter_invalid',
    ],
    [
      'a data: redirect_uri',
      () => ({ connect_token: token(), redirect_uri: 'data:text/html,hi' }),
      400,
      'parameter_invalid',
    ],
    [
      'a relative redirect_uri',
      () => ({ connect_token: token(), redirect_uri: '/callback' }),
      400,
      'parameter_invalid',
    ],
    [
      'an unparsable redirect_uri',
      () => ({ connect_token: token(), redirect_uri: 'http://exa mple.com' }),
      400,
      'parameter_invalid',
    ],
    // The URL parser silently drops these: the app would get back another URL than it sent.
    [
      'a redirect_uri with a line break',
      () => ({ connect_token: token(), redirect_uri: `${redirectUri}\r\nSet-Cookie: a=b` }),
      400,
      'parameter_invalid',
    ],
    [
      'a redirect_uri with a space or tab around it',
      () => ({ connect_token: token(), redirect_uri: ` ${redirectUri}\t` }),
      400,
      'parameter_invalid',
    ],
    [
      'a redirect_uri with a fragment',
      () => ({ connect_token: token(), redirect_uri: `${redirectUri}#x` }),
      400,
      'parameter_invalid',
    ],
  ])('shows an error page, never a redirect, for %s', async (_case, query, status, code) => {
    const page = await connect.open(query())
    expect(page.status).toBe(status)
    expect(page.location).toBeNull()
    expect(page.screen).toBe('error')
    expect(page.html).toContain(`Error code: ${code}`)
    expect(page.forms).toEqual([])
  })

  it('shows 410 for an expired connect token', async () => {
    const expired = token()
    clock += CONNECT_TOKEN_TTL_MS
    const page = await connect.open({ connect_token: expired, redirect_uri: redirectUri })
    expect(page.status).toBe(410)
    expect(page.location).toBeNull()
    expect(page.html).toContain('This link has expired')
  })

  it('sends headers that keep the pages private and uncached', async () => {
    const response = await mock.fetch(`${mock.connectUrl}/?connect_token=x`)
    expect(response.headers.get('cache-control')).toBe('no-store')
    expect(response.headers.get('content-security-policy')).toContain("default-src 'none'")
  })

  // A form post carries `Origin: null` under `no-referrer` (Fetch, "append a request Origin
  // header"; seen in Firefox 153). A browser that also sends no Sec-Fetch-Site (Safari before
  // 16.4) was refused at the first form. `same-origin` keeps the Origin on the pages' own posts,
  // and still sends no Referer (the session URL) to the app.
  it('sends a referrer policy under which its own forms carry their Origin', async () => {
    const response = await mock.fetch(`${mock.connectUrl}/?connect_token=x`)
    expect(response.headers.get('referrer-policy')).toBe('same-origin')
    const terms = await connect.start()
    const nullOrigin = await connect.submit(terms, 'terms', {}, { origin: 'null' })
    expect(nullOrigin.status).toBe(403)
  })
})

describe('sessions', () => {
  it('shows 410 when the connect token expires mid-flow, on GET and POST', async () => {
    const utility = await connect.submit(await connect.start(), 'terms')
    clock += CONNECT_TOKEN_TTL_MS
    const posted = await connect.submit(utility, 'utility', { utility: 'pge' })
    expect(posted.status).toBe(410)
    expect(posted.location).toBeNull()
    expect(posted.html).toContain('Your session has expired')
    const shown = await connect.load(utility.url)
    expect(shown.status).toBe(410)
    const exited = await connect.submit(utility, 'exit')
    expect(exited.location).toBeNull()
  })

  it('shows 404 for an unknown session id', async () => {
    const shown = await connect.load(`${mock.connectUrl}/flow/cs_unknown`)
    expect(shown.status).toBe(404)
    expect(shown.html).toContain('This page is no longer available')
    const posted = await mock.fetch(`${mock.connectUrl}/flow/cs_unknown/exit`, { method: 'POST' })
    expect(posted.status).toBe(404)
    expect(posted.headers.get('location')).toBeNull()
  })

  it('shows 404 for an unknown page', async () => {
    const terms = await connect.start()
    for (const url of [`${terms.url.split('?')[0]}nope`, `${mock.connectUrl}/flow/x/y/z`]) {
      const page = await connect.load(url)
      expect(page.status).toBe(404)
      expect(page.screen).toBe('error')
    }
  })

  it('treats a body that is not a form as empty fields, not a crash', async () => {
    const credentials = await connect.toCredentials()
    const action = connect.formOf(credentials, 'credentials').action
    const response = await mock.fetch(new URL(action, mock.connectUrl), {
      method: 'POST',
      headers: { 'content-type': 'multipart/form-data; boundary=x' },
      body: 'not multipart at all',
    })
    expect(response.status).toBe(422)
    expect(await response.text()).toContain('Enter your username.')
  })

  it('refuses a form posted from another site', async () => {
    const terms = await connect.start()
    const refused = await connect.submit(terms, 'terms', {}, { origin: 'https://evil.example' })
    expect(refused.status).toBe(403)
    expect(refused.html).toContain('Request refused')
    const crossSite = await connect.submit(terms, 'exit', {}, { 'sec-fetch-site': 'cross-site' })
    expect(crossSite.status).toBe(403)
    expect(crossSite.location).toBeNull()
    const sameOrigin = await connect.submit(terms, 'terms', {}, { 'sec-fetch-site': 'same-origin' })
    expect(sameOrigin.screen).toBe('utility')
  })

  // Issue 18 item 3: behind a TLS-terminating proxy the sandbox sees http:// URLs while a browser
  // without Sec-Fetch-Site (Safari before 16.4) sends the https:// origin it sees.
  it('accepts its own public origin behind a TLS-terminating proxy, and still refuses others', async () => {
    const behindProxy = createPelmMock({ baseUrl: 'https://demo.example.com/sandbox' })
    const forwarded: PelmMock['fetch'] = (input, init) =>
      behindProxy.fetch(
        new Request(
          String(input).replace('https://demo.example.com', 'http://10.0.0.5:3000'),
          init,
        ),
      )
    const proxied = sandboxDriver(behindProxy, forwarded)
    const terms = await proxied.start()
    const accepted = await proxied.submit(
      terms,
      'terms',
      {},
      { origin: 'https://demo.example.com' },
    )
    expect(accepted.screen).toBe('utility')
    const refused = await proxied.submit(accepted, 'exit', {}, { origin: 'https://evil.example' })
    expect(refused.status).toBe(403)
  })
})
