import { createPelmMock, findUtility } from '@acme/pelm-mock'
import { createPelmClient, memoryConnectionStore } from '@acme/pelm-server'
import { Hono } from 'hono'
import { describe, expect, it } from 'vitest'
import { accountsHandler } from './accounts'
import { accountsCache } from './accounts-cache'
import { browser, connect, testDemo } from './test-support'
import { usageHandler } from './usage'

describe('GET /api/connections/:connectionId/accounts/:accountId/usage', () => {
  it('sums the last four weeks of readings per day, for each meter type of the account', async () => {
    const demo = await testDemo()
    const client = browser(demo)
    const connection = await connect(demo, client)
    const { connections } = await (await client.request('/api/accounts')).json()
    const account =
      connections[0].accounts.find(
        (candidate: { meters: { type: string }[] }) => candidate.meters.length > 1,
      ) ?? connections[0].accounts[0]
    const response = await client.request(
      `/api/connections/${connection.id}/accounts/${account.id}/usage`,
    )
    expect(response.status).toBe(200)
    const body = await response.json()
    expect(body.accountId).toBe(account.id)
    const yesterday = new Date(Date.now() - 86_400_000).toISOString().slice(0, 10)
    expect(body.to).toBe(yesterday)
    const types = account.meters.map((meter: { type: string }) => meter.type).sort()
    expect(body.series.map((series: { type: string }) => series.type)).toEqual(types)
    for (const series of body.series) {
      expect(series.unit).toBe(series.type === 'GAS' ? 'therms' : 'kWh')
      expect(series.days).toHaveLength(28)
      expect(series.days[0].date).toBe(body.from)
      expect(series.days[27].date).toBe(body.to)
      expect(series.days.every((day: { usage: number }) => day.usage > 0)).toBe(true)
    }
  })

  it('answers 404 for another user’s connection or an account of another connection', async () => {
    const demo = await testDemo()
    const ada = browser(demo)
    const adas = await connect(demo, ada, { name: 'Ada' })
    const { connections } = await (await ada.request('/api/accounts')).json()
    const accountId = connections[0].accounts[0].id
    const grace = browser(demo)
    const graces = await connect(demo, grace, { name: 'Grace', utility: 'sce' })

    const foreign = await grace.request(`/api/connections/${adas.id}/accounts/${accountId}/usage`)
    expect(foreign.status).toBe(404)
    expect(await foreign.json()).toMatchObject({ error: { code: 'connection_not_found' } })
    const mixed = await grace.request(`/api/connections/${graces.id}/accounts/${accountId}/usage`)
    expect(mixed.status).toBe(404)
    expect(await mixed.json()).toMatchObject({ error: { code: 'account_not_found' } })
  })

  it('checks the account id against the list the accounts page read: no Get accounts per chart', async () => {
    const mock = createPelmMock()
    const upstream: string[] = []
    const pelm = createPelmClient({
      ...mock.credentials,
      apiUrl: mock.apiUrl,
      fetch: (input, init) => {
        upstream.push(new URL(new Request(input, init).url).pathname)
        return mock.fetch(input, init)
      },
    })
    const pge = findUtility({ slug: 'pge' })
    if (!pge) throw new Error('the sandbox offers PG&E')
    const { accessToken } = await pelm.exchangeCode(mock.store.issueCode('conn_1', pge).code)
    const connectionStore = memoryConnectionStore()
    const connectedAt = new Date().toISOString()
    await connectionStore.set('demo:ada', {
      id: 'conn_1',
      pelmUserId: 'conn_1',
      accessToken,
      connectedAt,
    })
    const accounts = accountsCache({ pelm })
    const getUserId = async () => 'demo:ada'
    const app = new Hono()
      .get('/api/accounts', accountsHandler({ getUserId, connectionStore, pelm, accounts }))
      .get(
        '/api/connections/:connectionId/accounts/:accountId/usage',
        usageHandler({ getUserId, connectionStore, pelm, accounts }),
      )

    const { connections } = await (await app.request('/api/accounts')).json()
    const ids: string[] = connections[0].accounts.map((account: { id: string }) => account.id)
    expect(upstream.filter((path) => path === '/accounts')).toHaveLength(1)
    const charts = await Promise.all(
      [...ids, ...ids].map((id) => app.request(`/api/connections/conn_1/accounts/${id}/usage`)),
    )
    expect(charts.map((chart) => chart.status)).toEqual([...ids, ...ids].map(() => 200))
    expect(upstream.filter((path) => path === '/accounts')).toHaveLength(1)
    const unknown = await app.request('/api/connections/conn_1/accounts/nope/usage')
    expect(unknown.status).toBe(404)
  })
})
