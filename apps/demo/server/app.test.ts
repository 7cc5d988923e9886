import { mkdirSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { browser, connect, tempDir, testDemo } from './test-support'

describe('GET /api/accounts', () => {
  it('answers 401 without a session', async () => {
    const response = await browser(testDemo()).request('/api/accounts')
    expect(response.status).toBe(401)
    expect(await response.json()).toEqual({
      error: { code: 'unauthenticated', message: 'Sign in to see your accounts.' },
    })
  })

  it('answers connected: false before a connection', async () => {
    const client = browser(testDemo())
    await client.request('/api/session', { json: { name: 'Ada' } })
    const response = await client.request('/api/accounts')
    expect(response.status).toBe(200)
    expect(response.headers.get('cache-control')).toBe('no-store')
    expect(await response.json()).toEqual({ connected: false, accounts: [] })
  })

  it('lists the accounts, meters and three latest bills once connected, never the token', async () => {
    const demo = testDemo()
    const client = browser(demo)
    await connect(demo, client)
    const response = await client.request('/api/accounts')
    expect(response.status).toBe(200)
    const body = await response.json()
    expect(body).toMatchObject({ connected: true, connectedAt: expect.any(String), utility: null })
    expect(body.accounts.length).toBeGreaterThan(0)
    for (const account of body.accounts) {
      expect(account).toMatchObject({ id: expect.any(String), address: expect.any(String) })
      expect(account.meters[0]).toMatchObject({ type: expect.stringMatching(/ELECTRIC|GAS/) })
      expect(account.latestBills).toHaveLength(3)
      const ends = account.latestBills.map((bill: { periodEnd: string }) => bill.periodEnd)
      expect(ends).toEqual([...ends].sort().reverse())
      expect(account.latestBills[0]).toMatchObject({
        periodStart: expect.stringMatching(/^\d{4}-\d\d-\d\d$/),
        amountDue: expect.any(Number),
      })
    }
    const stored = await demo.tokenStore.get('demo:ada')
    expect(JSON.stringify(body)).not.toContain(stored?.accessToken)
  })

  it('answers 503 data_loading with Retry-After while Pelm gathers a new connection’s data', async () => {
    const demo = testDemo({ pelm: { mode: 'sandbox', dataDelayMs: 60_000 } })
    const client = browser(demo)
    await connect(demo, client)
    const response = await client.request('/api/accounts')
    expect(response.status).toBe(503)
    expect(response.headers.get('retry-after')).toBe('2')
    expect(await response.json()).toMatchObject({ error: { code: 'data_loading' } })
  })

  it('answers 409 reconnect_required when Pelm no longer knows the token', async () => {
    const demo = testDemo()
    const client = browser(demo)
    await connect(demo, client)
    demo.sandbox?.mock.reset()
    const response = await client.request('/api/accounts')
    expect(response.status).toBe(409)
    expect(await response.json()).toMatchObject({ error: { code: 'reconnect_required' } })
  })

  it('answers 502 upstream_error when Pelm fails', async () => {
    const demo = testDemo()
    const client = browser(demo)
    await connect(demo, client)
    demo.sandbox?.mock.faults.add({ route: '*', status: 500 })
    const response = await client.request('/api/accounts')
    expect(response.status).toBe(502)
    expect(await response.json()).toMatchObject({ error: { code: 'upstream_error' } })
  })
})

describe('the demo server', () => {
  it('mounts pelmRoutes with getUserId from the session', async () => {
    const demo = testDemo()
    const client = browser(demo)
    expect((await client.request('/api/pelm/connection')).status).toBe(401)
    await connect(demo, client, 'Grace')
    const connection = await client.request('/api/pelm/connection')
    expect(await connection.json()).toMatchObject({ connected: true })
    expect(await demo.tokenStore.get('demo:grace')).toMatchObject({
      accessToken: expect.any(String),
    })
  })

  it('points Connect at the sandbox on its own origin and the redirect at /pelm/callback', async () => {
    const demo = testDemo()
    const client = browser(demo)
    await client.request('/api/session', { json: { name: 'Ada' } })
    const { connectUrl } = await (
      await client.request('/api/pelm/connect-token', { json: {} })
    ).json()
    const url = new URL(connectUrl)
    expect(url.origin + url.pathname).toBe('http://localhost:3000/sandbox/connect')
    expect(url.searchParams.get('redirect_uri')).toBe('http://localhost:3000/pelm/callback')
    const page = await client.request(`${url.pathname}${url.search}`)
    expect(page.status).toBe(200)
    expect(await page.text()).toContain('Connect your utility account')
    expect(page.headers.get('cross-origin-opener-policy')).toBeNull()
  })

  it('describes the sandbox on /api/config', async () => {
    const response = await browser(testDemo()).request('/api/config')
    const settings = await response.json()
    expect(settings.mode).toBe('sandbox')
    expect(settings.utilities).toContainEqual({ slug: 'pge', name: 'Pacific Gas and Electric' })
    expect(settings.sandboxLogins[0]).toMatchObject({
      username: 'user@pelm.com',
      password: 'password',
    })
  })

  it('has no sandbox, and says live, with Pelm credentials', async () => {
    const demo = testDemo({ pelm: { mode: 'live', clientId: 'id', secret: 'secret' } })
    expect(demo.sandbox).toBeUndefined()
    const client = browser(demo)
    expect(await (await client.request('/api/config')).json()).toEqual({
      mode: 'live',
      utilities: [],
      sandboxLogins: [],
    })
    expect((await client.request('/sandbox/connect')).status).toBe(404)
  })

  it('answers unknown API routes with a JSON 404', async () => {
    const response = await browser(testDemo()).request('/api/nope')
    expect(response.status).toBe(404)
    expect(await response.json()).toMatchObject({ error: { code: 'not_found' } })
  })

  it('serves the built app: index.html for page paths, no opener policy on the callback page', async () => {
    const clientDir = tempDir()
    mkdirSync(join(clientDir, 'assets'))
    writeFileSync(join(clientDir, 'index.html'), '<!doctype html><title>Homewatt</title>')
    writeFileSync(join(clientDir, 'assets', 'app-1234.js'), 'console.log(1)')
    const client = browser(testDemo({ clientDir }))

    const accounts = await client.request('/accounts')
    expect(accounts.status).toBe(200)
    expect(await accounts.text()).toContain('<title>Homewatt</title>')
    expect(accounts.headers.get('cross-origin-opener-policy')).toBe('same-origin-allow-popups')
    expect(accounts.headers.get('content-security-policy')).toContain("default-src 'self'")

    const callback = await client.request('/pelm/callback?code=c&state=s')
    expect(callback.status).toBe(200)
    expect(callback.headers.get('cross-origin-opener-policy')).toBeNull()

    const asset = await client.request('/assets/app-1234.js')
    expect(asset.headers.get('cache-control')).toContain('immutable')
  })
})
