import { describe, expect, it } from 'vitest'
import { browser, connect, testDemo } from './test-support'

describe('GET /api/accounts', () => {
  it('answers 401 without a session', async () => {
    const response = await browser(await testDemo()).request('/api/accounts')
    expect(response.status).toBe(401)
    expect(await response.json()).toEqual({
      error: { code: 'unauthenticated', message: 'Sign in to see your accounts.' },
    })
  })

  it('answers no connections before the first one', async () => {
    const client = browser(await testDemo())
    await client.request('/api/session', { json: { name: 'Ada' } })
    const response = await client.request('/api/accounts')
    expect(response.status).toBe(200)
    expect(response.headers.get('cache-control')).toBe('no-store')
    expect(await response.json()).toEqual({ connections: [] })
  })

  it('groups accounts, meters and the three latest bills under each connection, never a token', async () => {
    const demo = await testDemo()
    const client = browser(demo)
    const pge = await connect(demo, client, { utility: 'pge' })
    const sce = await connect(demo, client, { utility: 'sce' })
    const response = await client.request('/api/accounts')
    expect(response.status).toBe(200)
    const body = await response.json()
    expect(body.connections.map((group: { connectionId: string }) => group.connectionId)).toEqual([
      pge.id,
      sce.id,
    ])
    for (const group of body.connections) {
      expect(group.accounts.length).toBeGreaterThan(0)
      for (const account of group.accounts) {
        expect(account).toMatchObject({ id: expect.any(String), address: expect.any(String) })
        expect(account.meters[0]).toMatchObject({ type: expect.stringMatching(/ELECTRIC|GAS/) })
        expect(account.latestBills).toHaveLength(3)
        const ends = account.latestBills.map((bill: { periodEnd: string }) => bill.periodEnd)
        expect(ends).toEqual([...ends].sort().reverse())
      }
    }
    const pgeIds = body.connections[0].accounts.map((account: { id: string }) => account.id)
    const sceIds = body.connections[1].accounts.map((account: { id: string }) => account.id)
    expect(pgeIds.filter((id: string) => sceIds.includes(id))).toEqual([])
    for (const record of await demo.connectionStore.list('demo:ada')) {
      expect(JSON.stringify(body)).not.toContain(record.accessToken)
    }
  })

  it('fails one connection alone: data_loading for the new one, the other still answers', async () => {
    const demo = await testDemo({ pelm: { mode: 'sandbox', dataDelayMs: 60_000 } })
    const client = browser(demo)
    const first = await connect(demo, client, { utility: 'pge' })
    // the first connection's data is ready: its sandbox User connected long ago
    const user = demo.sandbox?.mock.store.users.get(first.id)
    if (user) user.connectedAt -= 120_000
    const second = await connect(demo, client, { utility: 'sce' })
    const body = await (await client.request('/api/accounts')).json()
    expect(body.connections[0]).toMatchObject({
      connectionId: first.id,
      accounts: expect.any(Array),
    })
    expect(body.connections[1]).toEqual({
      connectionId: second.id,
      error: { code: 'data_loading', message: expect.stringContaining('still gathering') },
    })
  })

  it('says reconnect_required for a connection Pelm no longer knows, and upstream_error when Pelm fails', async () => {
    const demo = await testDemo()
    const client = browser(demo)
    const connection = await connect(demo, client)
    demo.sandbox?.mock.reset()
    let body = await (await client.request('/api/accounts')).json()
    expect(body.connections).toEqual([
      {
        connectionId: connection.id,
        error: expect.objectContaining({ code: 'reconnect_required' }),
      },
    ])
    demo.sandbox?.mock.faults.add({ route: '*', status: 500 })
    body = await (await client.request('/api/accounts')).json()
    expect(body.connections[0].error.code).toBe('upstream_error')
  })

  it('reads only the connections named by ?connection= (the page polling the one still loading)', async () => {
    const demo = await testDemo()
    const client = browser(demo)
    const pge = await connect(demo, client, { utility: 'pge' })
    await connect(demo, client, { utility: 'sce' })
    const sdge = await connect(demo, client, { utility: 'sdge' })
    const body = await (
      await client.request(
        `/api/accounts?connection=${sdge.id}&connection=${pge.id}&connection=nope`,
      )
    ).json()
    expect(body.connections.map((group: { connectionId: string }) => group.connectionId)).toEqual([
      pge.id,
      sdge.id,
    ])
    expect(body.connections[0].accounts.length).toBeGreaterThan(0)
  })
})
