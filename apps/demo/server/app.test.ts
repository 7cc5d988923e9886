import { mkdirSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { browser, connect, PUBLIC_URL, tempDir, testDemo } from './test-support'

describe('the demo server', () => {
  it('mounts pelmRoutes with getUserId from the session, one connection per utility', async () => {
    const demo = await testDemo()
    const client = browser(demo)
    expect((await client.request('/api/pelm/connections')).status).toBe(401)
    const pge = await connect(demo, client, { name: 'Grace', utility: 'pge' })
    const sce = await connect(demo, client, { name: 'Grace', utility: 'sce' })
    const { connections } = await (await client.request('/api/pelm/connections')).json()
    expect(connections).toEqual([
      expect.objectContaining({
        id: pge.id,
        status: 'active',
        utility: expect.objectContaining({ name: 'Pacific Gas and Electric' }),
      }),
      expect.objectContaining({ id: sce.id, status: 'active' }),
    ])
    const stored = await demo.connectionStore.list('demo:grace')
    expect(stored.map((record) => record.pelmUserId)).toEqual([pge.id, sce.id])
  })

  it('points Connect at the sandbox on its own origin and the redirect at /pelm/callback', async () => {
    const demo = await testDemo()
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
    const response = await browser(await testDemo()).request('/api/config')
    const settings = await response.json()
    expect(settings.mode).toBe('sandbox')
    expect(settings.utilities).toContainEqual({ slug: 'pge', name: 'Pacific Gas and Electric' })
    expect(settings.sandboxLogins[0]).toMatchObject({
      username: 'user@pelm.com',
      password: 'password',
    })
  })

  it('has no sandbox and no sandbox controls, and says live, with Pelm credentials', async () => {
    const demo = await testDemo({ pelm: { mode: 'live', clientId: 'id', secret: 'secret' } })
    expect(demo.sandbox).toBeUndefined()
    const client = browser(demo)
    expect(await (await client.request('/api/config')).json()).toEqual({
      mode: 'live',
      utilities: [],
      sandboxLogins: [],
    })
    expect((await client.request('/sandbox/connect')).status).toBe(404)
    await client.request('/api/session', { json: { name: 'Ada' } })
    const control = await client.request('/api/sandbox/connections/x/password-changed', {
      method: 'POST',
    })
    expect(control.status).toBe(404)
    expect(await control.json()).toMatchObject({ error: { code: 'not_found' } })
  })

  it('answers a middleware’s refusal with its own status and a code that fits it', async () => {
    const demo = await testDemo()
    const client = browser(demo)
    const malformed = await demo.app.request(`${PUBLIC_URL}/api/session`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', origin: PUBLIC_URL },
      body: '{"name":',
    })
    expect(malformed.status).toBe(400)
    expect(await malformed.json()).toMatchObject({ error: { code: 'invalid_body' } })
    // hono/csrf on the sandbox control: a form post from another site
    const connection = await connect(demo, client)
    const cookie = [...client.cookies].map(([name, value]) => `${name}=${value}`).join('; ')
    const forged = await demo.app.request(
      `${PUBLIC_URL}/api/sandbox/connections/${connection.id}/password-changed`,
      {
        method: 'POST',
        headers: {
          cookie,
          origin: 'https://evil.example',
          'sec-fetch-site': 'cross-site',
          'content-type': 'application/x-www-form-urlencoded',
        },
        body: 'x=1',
      },
    )
    expect(forged.status).toBe(403)
    expect(forged.headers.get('cache-control')).toBe('no-store')
    expect(await forged.json()).toEqual({
      error: { code: 'forbidden', message: 'The request was refused (403).' },
    })
  })

  it('answers unknown API routes with a JSON 404', async () => {
    const response = await browser(await testDemo()).request('/api/nope')
    expect(response.status).toBe(404)
    expect(await response.json()).toMatchObject({ error: { code: 'not_found' } })
  })

  it('serves the built app: index.html for page paths, no opener policy on the callback page', async () => {
    const clientDir = tempDir()
    mkdirSync(join(clientDir, 'assets'))
    writeFileSync(join(clientDir, 'index.html'), '<!doctype html><title>Homewatt</title>')
    writeFileSync(join(clientDir, 'assets', 'app-1234.js'), 'console.log(1)')
    const client = browser(await testDemo({ clientDir }))

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
