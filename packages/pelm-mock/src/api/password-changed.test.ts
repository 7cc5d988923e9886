import { handBackQuery } from '@acme/pelm-mock/testing'
import { describe, expect, it } from 'vitest'
import { expectPelmError, testSandbox } from '../../test/api-sandbox'
import { sandboxDriver } from '../../test/sandbox-driver'

const credentialsValid = async (response: Response) =>
  ((await response.json()) as { credentials_valid: boolean }).credentials_valid

describe('POST /sandbox/users/:user_id/password-changed', () => {
  it("makes the User's credentials invalid; data endpoints keep answering", async () => {
    const { post, get, connect } = testSandbox()
    const token = await connect('conn-1')
    const response = await post('/sandbox/users/conn-1/password-changed')
    expect(response.status).toBe(200)
    expect(await response.json()).toEqual({ id: 'conn-1', credentials_valid: false })
    expect(await credentialsValid(await get('/users/conn-1', token))).toBe(false)
    expect((await get('/accounts', token)).status).toBe(200)
  })

  it('needs the Pelm headers, so an anonymous visitor cannot use it', async () => {
    const { post, get, connect } = testSandbox()
    const token = await connect('conn-1')
    const wrong: Record<string, string>[] = [
      {},
      { 'Pelm-Client-Id': 'sandbox_client_id', 'Pelm-Secret': 'x' },
    ]
    for (const headers of wrong) {
      const refused = await post('/sandbox/users/conn-1/password-changed', undefined, headers)
      await expectPelmError(refused, 401, 'credentials_invalid')
    }
    expect(await credentialsValid(await get('/users/conn-1', token))).toBe(true)
  })

  it('answers 404 not_found for a user_id no User has', async () => {
    const { post } = testSandbox()
    await expectPelmError(await post('/sandbox/users/nobody/password-changed'), 404, 'not_found')
  })
})

describe('mock.invalidateCredentials', () => {
  it('says whether it found the User', async () => {
    const { mock, connect } = testSandbox()
    await connect('conn-1')
    expect(mock.invalidateCredentials('conn-1')).toBe(true)
    expect(mock.invalidateCredentials('nobody')).toBe(false)
    expect(mock.store.users.get('conn-1')?.credentialsValid).toBe(false)
  })

  it('is undone by Connect in update mode: same User, earlier token still valid', async () => {
    const { mock, post, get, connect } = testSandbox()
    const before = await connect('conn-1')
    mock.invalidateCredentials('conn-1')

    const driver = sandboxDriver(mock)
    const utilityScreen = await driver.start({ userId: 'conn-1' })
    expect(utilityScreen.screen).toBe('utility')
    const credentials = await driver.submit(utilityScreen, 'utility', { utility: 'pge' })
    const { code } = handBackQuery(await driver.signIn(credentials, 'user@pelm.com'))
    const exchanged = await post('/auth/token', { code: code ?? '', grant_type: 'code' })
    const { access_token: after } = await exchanged.json()

    expect(await credentialsValid(await get('/users/conn-1', after))).toBe(true)
    expect(await credentialsValid(await get('/users/conn-1', before))).toBe(true)
    expect(mock.store.users.get('conn-1')?.accessTokens).toEqual([before, after])
  })
})
