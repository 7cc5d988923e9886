import { describe, expect, it } from 'vitest'
import { expectPelmError, testSandbox, utility } from '../../test/api-sandbox'
import { sandboxDriver } from '../../test/sandbox-driver'

describe('GET /users/:user_id', () => {
  it("answers the token's own User with Pelm's shape", async () => {
    const { get, connect } = testSandbox()
    const token = await connect('conn-1', 'sce')
    const response = await get('/users/conn-1', token)
    expect(response.status).toBe(200)
    expect(await response.json()).toEqual({
      id: 'conn-1',
      utility: { id: '2', full_name: 'Southern California Edison' },
      utility_username: 'user@pelm.com',
      credentials_valid: true,
    })
  })

  it('needs the Pelm headers and a bearer token, like the data endpoints', async () => {
    const { get, connect } = testSandbox()
    const token = await connect('conn-1')
    await expectPelmError(await get('/users/conn-1', token, {}), 401, 'credentials_invalid')
    await expectPelmError(await get('/users/conn-1'), 401, 'token_invalid')
    await expectPelmError(await get('/users/conn-1', 'made-up-token'), 401, 'token_invalid')
  })

  it("refuses another User's id with 403 permission_denied", async () => {
    const { get, connect } = testSandbox()
    const token = await connect('conn-1')
    await connect('conn-2')
    await expectPelmError(await get('/users/conn-2', token), 403, 'permission_denied')
  })

  it('answers an id no User has with 404 not_found', async () => {
    const { get, connect } = testSandbox()
    await expectPelmError(await get('/users/nobody', await connect('conn-1')), 404, 'not_found')
  })

  it('records the sandbox login that signed in on the Connect pages', async () => {
    const { mock, get, post } = testSandbox()
    const connect = sandboxDriver(mock)
    const mfa = await connect.signIn(
      await connect.toCredentials({ userId: 'conn-1' }),
      'MFA@pelm.com',
    )
    const done = await connect.submit(mfa, 'mfa', { code: '123456' })
    const code = new URL(done.location ?? '').searchParams.get('code') ?? ''
    const exchanged = await post('/auth/token', { code, grant_type: 'code' })
    const { access_token } = await exchanged.json()
    expect(await (await get('/users/conn-1', access_token)).json()).toMatchObject({
      utility: { full_name: 'Pacific Gas and Electric' },
      utility_username: 'mfa@pelm.com',
    })
  })
})

describe('several Users and update mode', () => {
  it('keeps one User per user_id, each with its own utility and data', async () => {
    const { mock, get, connect } = testSandbox()
    const electric = await connect('conn-1', 'sce')
    const gas = await connect('conn-2', 'pge')
    expect([...mock.store.users.keys()]).toEqual(['conn-1', 'conn-2'])
    const accounts = async (token: string) => (await get('/accounts', token)).json()
    expect(await accounts(electric)).not.toEqual(await accounts(gas))
  })

  it('gives a second exchange for a connected user_id a token of the same User; both work', async () => {
    const { mock, get, connect, clock } = testSandbox()
    const first = await connect('conn-1')
    const connectedAt = mock.store.users.get('conn-1')?.connectedAt
    clock.now += 60_000
    const second = await connect('conn-1')
    expect(second).not.toBe(first)
    expect(mock.store.users.size).toBe(1)
    expect(mock.store.users.get('conn-1')).toMatchObject({
      connectedAt,
      accessTokens: [first, second],
    })
    const accounts = async (token: string) => (await get('/accounts', token)).json()
    expect(await accounts(first)).toEqual(await accounts(second))
    expect((await get('/users/conn-1', first)).status).toBe(200)
  })
})

describe('DELETE /users/:user_id', () => {
  it('deletes the User: 200 { id, deleted }, then every token of it is refused', async () => {
    const { del, get, connect } = testSandbox()
    const first = await connect('conn-1')
    const second = await connect('conn-1')
    const response = await del('/users/conn-1', first)
    expect(response.status).toBe(200)
    expect(await response.json()).toEqual({ id: 'conn-1', deleted: true })
    for (const token of [first, second]) {
      for (const path of ['/accounts', '/bills?account_id=x', '/intervals?meter_id=x']) {
        await expectPelmError(await get(path, token), 401, 'token_invalid')
      }
    }
  })

  it("answers the deleted User's own tokens with 404 on /users/:id, so a retry counts as done", async () => {
    const { del, get, connect } = testSandbox()
    const token = await connect('conn-1')
    const other = await connect('conn-2')
    expect((await del('/users/conn-1', token)).status).toBe(200)
    await expectPelmError(await del('/users/conn-1', token), 404, 'not_found')
    await expectPelmError(await get('/users/conn-1', token), 404, 'not_found')
    await expectPelmError(await get('/users/conn-1', other), 404, 'not_found')
    await expectPelmError(await get('/users/conn-2', token), 401, 'token_invalid')
  })

  it("refuses to delete another User (403) and leaves the others' tokens working", async () => {
    const { del, get, connect } = testSandbox()
    const token = await connect('conn-1')
    const other = await connect('conn-2')
    await expectPelmError(await del('/users/conn-2', token), 403, 'permission_denied')
    expect((await del('/users/conn-1', token)).status).toBe(200)
    expect((await get('/accounts', other)).status).toBe(200)
  })

  it('refuses the codes of the deleted User that were not exchanged yet', async () => {
    const { mock, del, post, connect } = testSandbox()
    const token = await connect('conn-1')
    const { code } = mock.store.issueCode('conn-1', utility('pge'))
    await del('/users/conn-1', token)
    await expectPelmError(
      await post('/auth/token', { code, grant_type: 'code' }),
      400,
      'parameter_invalid',
      /unknown/,
    )
  })

  it('starts a new User in create mode for the same user_id afterwards', async () => {
    const { mock, del, get, connect, clock } = testSandbox()
    const old = await connect('conn-1')
    await del('/users/conn-1', old)
    const terms = await sandboxDriver(mock).start({ userId: 'conn-1' })
    expect(terms.screen).toBe('terms')
    clock.now += 1000
    const fresh = await connect('conn-1')
    expect(mock.store.users.get('conn-1')).toMatchObject({
      connectedAt: clock.now,
      accessTokens: [fresh],
    })
    await expectPelmError(await get('/users/conn-1', old), 401, 'token_invalid')
    expect((await get('/users/conn-1', fresh)).status).toBe(200)
  })
})
