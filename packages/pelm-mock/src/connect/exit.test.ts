import { type ConnectPage, handBackQuery } from '@acme/pelm-mock/testing'
import { beforeEach, describe, expect, it } from 'vitest'
import { type SandboxDriver, type StartOptions, sandboxDriver } from '../../test/sandbox-driver'
import { createPelmMock, type PelmMock } from '../create-pelm-mock'

let mock: PelmMock
let connect: SandboxDriver

beforeEach(() => {
  mock = createPelmMock()
  connect = sandboxDriver(mock)
})

const screens: Record<string, (options: StartOptions) => Promise<ConnectPage>> = {
  terms: (options) => connect.start(options),
  utility: async (options) => connect.submit(await connect.start(options), 'terms'),
  credentials: (options) => connect.toCredentials(options),
  mfa: async (options) => connect.signIn(await connect.toCredentials(options), 'mfa@pelm.com'),
  unavailable: async (options) =>
    connect.signIn(await connect.toCredentials(options), 'unavailable@pelm.com'),
}

describe('Exit', () => {
  it.each(Object.keys(screens))(
    'leaves the %s screen with error=user_initiated_exit',
    async (name) => {
      const page = await screens[name]?.({ state: 'st-42' })
      if (!page) throw new Error(`no way to reach ${name}`)
      expect(page.screen).toBe(name)
      const exited = await connect.submit(page, 'exit')
      expect(exited.status).toBe(302)
      expect(handBackQuery(exited)).toEqual({ error: 'user_initiated_exit', state: 'st-42' })
      expect(mock.store.codes.size).toBe(0)
    },
  )

  it('leaves state out when the app sent none', async () => {
    const exited = await connect.submit(await connect.start(), 'exit')
    expect(exited.location).toBe('https://app.example/pelm/callback?error=user_initiated_exit')
  })

  it('echoes an empty state as given', async () => {
    const exited = await connect.submit(await connect.start({ state: '' }), 'exit')
    expect(exited.location).toBe(
      'https://app.example/pelm/callback?error=user_initiated_exit&state=',
    )
  })

  it('ends the session: a second post (a double click) gets the same exit, nothing moves on', async () => {
    const terms = await connect.start({ state: 'st' })
    const exited = await connect.submit(terms, 'exit')
    for (const action of ['exit', 'terms'] as const) {
      const after = await connect.submit(terms, action)
      expect(after.status).toBe(302)
      expect(after.location).toBe(exited.location)
    }
    const flowPage = new URL(
      connect.formOf(terms, 'terms').action.replace(/\/terms$/, ''),
      terms.url,
    )
    expect((await connect.load(flowPage)).status).toBe(404)
    expect(mock.store.codes.size).toBe(0)
  })
})

describe('hand-back URL', () => {
  it("keeps the redirect_uri's own query parameters", async () => {
    const credentials = await connect.toCredentials({
      redirectUri: 'https://app.example/cb?tenant=acme&return=%2Fhome',
      state: 'abc',
    })
    const done = await connect.signIn(credentials, 'user@pelm.com')
    const url = new URL(done.location ?? '')
    expect(url.origin + url.pathname).toBe('https://app.example/cb')
    expect([...url.searchParams.keys()]).toEqual(['tenant', 'return', 'code', 'state'])
    expect(url.searchParams.get('return')).toBe('/home')
  })

  it("keeps the redirect_uri's query as written (RFC 6749 §3.1.2), only adding its own", async () => {
    const query = 'x=a%20b&flag&next=/home&sig=AbC%2B%2F&state=old'
    const credentials = await connect.toCredentials({
      redirectUri: `https://app.example/cb?${query}`,
      state: 's 1',
    })
    const done = await connect.signIn(credentials, 'user@pelm.com')
    const { code } = handBackQuery(done)
    // the app's own state= is replaced, as the one Connect hands back
    expect(done.location).toBe(
      `https://app.example/cb?x=a%20b&flag&next=/home&sig=AbC%2B%2F&code=${code}&state=s+1`,
    )
  })

  it('echoes a hostile state exactly, and never into the HTML', async () => {
    const state = `"><script>alert(1)</script>&code=forged&x='`
    const pages = [await connect.start({ state })]
    for (const next of [
      (page: ConnectPage) => connect.submit(page, 'terms'),
      (page: ConnectPage) => connect.submit(page, 'utility', { utility: 'pge' }),
      (page: ConnectPage) => connect.signIn(page, 'user@pelm.com', 'wrong'),
    ]) {
      pages.push(await next(pages.at(-1) as ConnectPage))
    }
    for (const page of pages) {
      expect(page.html).not.toContain('<script>')
      expect(page.html).not.toContain('forged')
    }
    const done = await connect.signIn(pages.at(-1) as ConnectPage, 'user@pelm.com')
    const query = new URL(done.location ?? '').searchParams
    expect(query.getAll('state')).toEqual([state])
    expect(query.getAll('code')).toHaveLength(1)
    expect(query.get('code')).toMatch(/^code_/)
  })
})
