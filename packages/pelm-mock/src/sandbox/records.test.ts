import type { ConnectPage } from '@acme/pelm-mock/testing'
import { describe, expect, it } from 'vitest'
import { expectPelmError, testSandbox, utility } from '../../test/api-sandbox'
import { type SandboxDriver, sandboxDriver } from '../../test/sandbox-driver'

const HOUR = 3_600_000
const pge = utility('pge')

/** The URL of the session page a Connect page belongs to (the entry page is not one). */
const sessionUrl = (driver: SandboxDriver, page: ConnectPage) =>
  new URL(driver.formOf(page, 'exit').action.replace(/\/exit$/, ''), page.url)

describe('records are forgotten by age (default: 1 hour after they were made)', () => {
  it('connect tokens: an expired one is "expired" for a while, then unknown', async () => {
    const { mock, clock } = testSandbox()
    const connect = sandboxDriver(mock)
    const { token } = mock.store.createConnectToken('user-1')
    const open = () => connect.open({ connect_token: token, redirect_uri: 'https://app.test/cb' })
    clock.now += HOUR - 1
    mock.store.createConnectToken('user-2')
    expect((await open()).status).toBe(410)
    clock.now += 1
    mock.store.createConnectToken('user-2')
    expect(mock.store.connectTokens.has(token)).toBe(false)
    expect((await open()).status).toBe(400)
  })

  it('codes: a used one says "already used" for a while, then "unknown"', async () => {
    const { mock, clock, post } = testSandbox()
    const { code } = mock.store.issueCode('user-1', pge)
    const exchange = () => post('/auth/token', { code, grant_type: 'code' })
    expect((await exchange()).status).toBe(200)
    clock.now += HOUR
    mock.store.issueCode('user-2', pge)
    expect(mock.store.codes.size).toBe(1)
    await expectPelmError(await exchange(), 400, 'parameter_invalid', /unknown/)
  })

  it('Connect sessions: forgotten an hour after they started', async () => {
    const { mock, clock } = testSandbox()
    const connect = sandboxDriver(mock)
    const terms = sessionUrl(connect, await connect.start())
    expect((await connect.load(terms)).status).toBe(200)
    clock.now += HOUR
    await connect.start()
    expect((await connect.load(terms)).status).toBe(404)
  })

  it("deleted Users' tokens: 404 on /users/:id for an hour, then 401 like any unknown token", async () => {
    const { clock, del, get, connect } = testSandbox()
    const token = await connect('conn-1')
    await del('/users/conn-1', token)
    clock.now += HOUR
    await del('/users/conn-2', await connect('conn-2'))
    await expectPelmError(await get('/users/conn-1', token), 401, 'token_invalid')
  })

  it('never forgets Users and their access tokens', async () => {
    const { clock, get, connect, mock } = testSandbox()
    const token = await connect('conn-1')
    clock.now += 1000 * HOUR
    for (let n = 0; n < 5; n++) mock.store.issueCode(`other-${n}`, pge)
    expect((await get('/users/conn-1', token)).status).toBe(200)
  })
})

describe('records are bounded by count (records.maxEntries, each kind)', () => {
  it('keeps the newest connect tokens and codes', () => {
    const { mock } = testSandbox({ records: { maxEntries: 3 } })
    const tokens = Array.from({ length: 5 }, (_, n) => mock.store.createConnectToken(`u${n}`).token)
    const codes = Array.from({ length: 5 }, (_, n) => mock.store.issueCode(`u${n}`, pge).code)
    expect([...mock.store.connectTokens.keys()]).toEqual(tokens.slice(2))
    expect([...mock.store.codes.keys()]).toEqual(codes.slice(2))
  })

  it('keeps the newest Connect sessions', async () => {
    const { mock } = testSandbox({ records: { maxEntries: 2 } })
    const connect = sandboxDriver(mock)
    const { token } = mock.store.createConnectToken('user-1')
    const open = () => connect.open({ connect_token: token, redirect_uri: 'https://app.test/cb' })
    const first = sessionUrl(connect, await open())
    const second = sessionUrl(connect, await open())
    await open()
    expect((await connect.load(first)).status).toBe(404)
    expect((await connect.load(second)).status).toBe(200)
  })
})
