import { mkdirSync, writeFileSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { DEFAULT_CLIENT_ID, DEFAULT_SECRET } from '@acme/pelm-mock'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { SANDBOX_STATE_KEY } from './sandbox'
import { demoStorage } from './storage'
import { browser, connect, PUBLIC_URL, tempDir, testDemo } from './test-support'

afterEach(() => {
  vi.restoreAllMocks()
})

/** A call to the sandbox's API on the demo's public origin, with the published credentials. */
const withDefaultCredentials = (path: string, body?: URLSearchParams) =>
  new Request(`${PUBLIC_URL}/sandbox${path}`, {
    method: 'POST',
    headers: { 'Pelm-Client-Id': DEFAULT_CLIENT_ID, 'Pelm-Secret': DEFAULT_SECRET },
    body,
  })

describe('the sandbox on the demo’s public origin', () => {
  it('refuses the published default secret: no connect tokens, no password change from outside', async () => {
    const demo = await testDemo()
    const client = browser(demo)
    const connection = await connect(demo, client)

    const token = await demo.app.request(
      withDefaultCredentials(
        '/auth/connect-token',
        new URLSearchParams({ user_id: connection.id }),
      ),
    )
    expect(token.status).toBe(401)
    expect(await token.json()).toMatchObject({ error_code: 'credentials_invalid' })
    const changed = await demo.app.request(
      withDefaultCredentials(`/sandbox/users/${connection.id}/password-changed`),
    )
    expect(changed.status).toBe(401)
    expect(demo.sandbox?.mock.store.users.get(connection.id)?.credentialsValid).toBe(true)
    expect(demo.sandbox?.mock.credentials.secret).not.toBe(DEFAULT_SECRET)
  })

  it('draws a new secret at each start, and the connections still work after a restart', async () => {
    const dataDir = tempDir()
    const before = await testDemo({ dataDir })
    const client = browser(before)
    const connection = await connect(before, client)
    await before.close()
    const after = await testDemo({ dataDir })
    expect(after.sandbox?.mock.credentials.secret).not.toBe(before.sandbox?.mock.credentials.secret)
    const again = browser(after)
    await again.request('/api/session', { json: { name: 'Ada' } })
    const { connections } = await (await again.request('/api/pelm/connections')).json()
    expect(connections).toEqual([expect.objectContaining({ id: connection.id, status: 'active' })])
  })

  it('keeps no request log (it would hold session cookies, sandbox passwords, Bearer tokens)', async () => {
    const demo = await testDemo()
    const client = browser(demo)
    await connect(demo, client)
    await client.request('/api/accounts')
    expect(demo.sandbox?.mock.requests).toEqual([])
  })

  it('reports a saved state it cannot read without any access token in the message, and starts empty', async () => {
    const dataDir = tempDir()
    const token = 'f3b0c442-98fc-4c14-9afb-f4c8996fb924'
    const user = (id: string) => ({
      id,
      utility: 'pge',
      utilityUsername: 'user@pelm.com',
      credentialsValid: true,
      connectedAt: 1,
      accessTokens: [token],
    })
    const storage = demoStorage({ dataDir })
    await storage.setItem(SANDBOX_STATE_KEY, { version: 1, users: [user('a'), user('b')] })
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {})
    const demo = await testDemo({ dataDir })
    expect(warn).toHaveBeenCalledTimes(1)
    expect(String(warn.mock.calls[0]?.[0])).toContain('state.users[1].accessTokens[0]')
    expect(JSON.stringify(warn.mock.calls)).not.toContain(token)
    expect(demo.sandbox?.mock.store.users.size).toBe(0)
  })

  // unstorage hands back a file it cannot parse as its text: the whole state, tokens and all, was
  // printed in the warning ("state must be an object, got "{…}"").
  it('reports a saved state that is not JSON (a hand edit, a bad copy) without its text, and starts empty', async () => {
    const dataDir = tempDir()
    const token = 'f3b0c442-98fc-4c14-9afb-f4c8996fb924'
    const state = {
      version: 1,
      users: [
        {
          id: 'a',
          utility: 'pge',
          utilityUsername: 'user@pelm.com',
          credentialsValid: true,
          connectedAt: 1,
          accessTokens: [token],
        },
      ],
    }
    const file = join(dataDir, 'store', ...SANDBOX_STATE_KEY.split(':'))
    mkdirSync(dirname(file), { recursive: true })
    writeFileSync(file, `${JSON.stringify(state)},`)
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {})
    const demo = await testDemo({ dataDir })
    expect(warn).toHaveBeenCalledTimes(1)
    expect(String(warn.mock.calls[0]?.[0])).toContain('is not JSON')
    expect(JSON.stringify(warn.mock.calls)).not.toContain(token)
    expect(demo.sandbox?.mock.store.users.size).toBe(0)
  })
})

describe('the sandbox across restarts (issue 14)', () => {
  it('a restart on the same data directory keeps every connection working', async () => {
    const dataDir = tempDir()
    const before = await testDemo({ dataDir })
    const client = browser(before)
    const pge = await connect(before, client, { utility: 'pge' })
    const sce = await connect(before, client, { utility: 'sce' })
    await before.close()

    const after = await testDemo({ dataDir })
    const again = browser(after)
    await again.request('/api/session', { json: { name: 'Ada' } })
    const { connections } = await (await again.request('/api/pelm/connections')).json()
    expect(connections.map((c: { id: string; status: string }) => [c.id, c.status])).toEqual([
      [pge.id, 'active'],
      [sce.id, 'active'],
    ])
    const accounts = await (await again.request('/api/accounts')).json()
    for (const group of accounts.connections) expect(group.accounts.length).toBeGreaterThan(0)
  })

  it('keeps a simulated password change and a disconnect across a restart', async () => {
    const dataDir = tempDir()
    const before = await testDemo({ dataDir })
    const client = browser(before)
    const pge = await connect(before, client, { utility: 'pge' })
    const sce = await connect(before, client, { utility: 'sce' })
    await client.request(`/api/sandbox/connections/${pge.id}/password-changed`, { method: 'POST' })
    await client.request(`/api/pelm/connections/${sce.id}`, { method: 'DELETE' })
    await before.close()

    const after = await testDemo({ dataDir })
    expect([...(after.sandbox?.mock.store.users.keys() ?? [])]).toEqual([pge.id])
    const again = browser(after)
    await again.request('/api/session', { json: { name: 'Ada' } })
    const { connections } = await (await again.request('/api/pelm/connections')).json()
    expect(connections).toEqual([
      expect.objectContaining({ id: pge.id, status: 'reconnect_required' }),
    ])
  })
})
