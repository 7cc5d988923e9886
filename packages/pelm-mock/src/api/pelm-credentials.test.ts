import { describe, expect, it } from 'vitest'
import { expectPelmError, testSandbox } from '../../test/api-sandbox'

const DATA_PATHS = [
  '/accounts',
  '/bills?account_id=acct_1',
  '/intervals?account_id=acct_1&type=GAS',
]

describe.each(DATA_PATHS)('GET %s', (path) => {
  it.each([
    ['missing', {}, /required/],
    ['a wrong client id', { 'Pelm-Client-Id': 'x', 'Pelm-Secret': 'sandbox_secret' }, /wrong/],
    ['a wrong secret', { 'Pelm-Client-Id': 'sandbox_client_id', 'Pelm-Secret': 'x' }, /wrong/],
  ])(
    'refuses %s Pelm headers with 401 credentials_invalid, even with a valid access token',
    async (_, headers, message) => {
      const { get, connect } = testSandbox()
      const accessToken = await connect()
      await expectPelmError(
        await get(path, accessToken, headers),
        401,
        'credentials_invalid',
        message,
      )
    },
  )
})

describe('pelmCredentials', () => {
  it('checks the credentials before the access token', async () => {
    const { get } = testSandbox()
    await expectPelmError(await get('/accounts', 'unknown-token', {}), 401, 'credentials_invalid')
  })

  it('treats the header names case-insensitively, as HTTP does', async () => {
    const { get, connect } = testSandbox()
    const accessToken = await connect()
    const headers = { 'pelm-client-id': 'sandbox_client_id', 'PELM-SECRET': 'sandbox_secret' }
    expect((await get('/accounts', accessToken, headers)).status).toBe(200)
  })
})
