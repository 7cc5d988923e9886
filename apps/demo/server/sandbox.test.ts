import { describe, expect, it } from 'vitest'
import { browser, connect, tempDir, testDemo } from './test-support'

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
