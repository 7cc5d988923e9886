import { describe, expect, it } from 'vitest'
import { testSandbox } from '../../test/api-sandbox'

describe('GET /accounts', () => {
  it("lists the user's accounts with Pelm's fields", async () => {
    const { get, connect } = testSandbox()
    const response = await get('/accounts', await connect('user-1', 'pge'))
    expect(response.status).toBe(200)
    const accounts = await response.json()
    expect(accounts.length).toBeGreaterThanOrEqual(1)
    expect(accounts.length).toBeLessThanOrEqual(3)
    for (const account of accounts) {
      expect(account).toEqual({
        id: expect.stringMatching(/^acct_[0-9a-f]{16}$/),
        account_number: expect.stringMatching(/^\d{10}$/),
        address: expect.stringMatching(/^\d+ .+, .+, CA \d{5}$/),
        available_meter_types: expect.arrayContaining(['ELECTRIC']),
        usage_unit: 'kWh',
        gas_usage_unit: 'therms',
        ghg_emissions_unit: 'kgCO2e',
        meters: expect.any(Array),
      })
      expect(account.meters.map((meter: { type: string }) => meter.type)).toEqual(
        account.available_meter_types,
      )
    }
  })

  it('lists the same accounts for the same user on every connection', async () => {
    const { get, connect } = testSandbox()
    const first = await (await get('/accounts', await connect('user-1'))).json()
    const second = await (await get('/accounts', await connect('user-1'))).json()
    expect(second).toEqual(first)
  })

  it('lists other accounts for another user, or for the same user at another utility', async () => {
    const { get, connect } = testSandbox()
    const ids = async (accessToken: string) =>
      (await (await get('/accounts', accessToken)).json()).map(
        (account: { id: string }) => account.id,
      )
    const mine = await ids(await connect('user-1', 'pge'))
    expect(await ids(await connect('user-2', 'pge'))).not.toContain(mine[0])
    expect(await ids(await connect('user-1', 'sdge'))).not.toContain(mine[0])
  })

  it('lists only electric meters at an electric-only utility', async () => {
    const { get, connect } = testSandbox()
    const accounts = await (await get('/accounts', await connect('user-1', 'sce'))).json()
    for (const account of accounts) expect(account.available_meter_types).toEqual(['ELECTRIC'])
  })
})
