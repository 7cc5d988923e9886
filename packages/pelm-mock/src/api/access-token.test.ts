import { describe, expect, it } from 'vitest'
import { expectPelmError, testSandbox } from '../../test/api-sandbox'

const DATA_PATHS = [
  '/accounts',
  '/bills?account_id=acct_1',
  '/intervals?account_id=acct_1&type=GAS',
]

describe.each(DATA_PATHS)('GET %s', (path) => {
  it('refuses a request without an access token with 401 token_invalid', async () => {
    const { get } = testSandbox()
    const response = await get(path)
    await expectPelmError(response, 401, 'token_invalid', /Bearer/)
    expect(response.headers.get('www-authenticate')).toMatch(/^Bearer/)
  })

  it('refuses an unknown access token with 401 token_invalid', async () => {
    const { get } = testSandbox()
    await expectPelmError(
      await get(path, 'b3c0f2de-0000-4000-8000-000000000000'),
      401,
      'token_invalid',
      /unknown/,
    )
  })

  it.each(['Basic dXNlcjpwYXNz', 'Bearer', 'Bearer two words'])(
    'refuses the malformed Authorization header "%s" with 401 token_invalid',
    async (authorization) => {
      const { get, pelmHeaders } = testSandbox()
      const response = await get(path, undefined, { ...pelmHeaders, Authorization: authorization })
      await expectPelmError(response, 401, 'token_invalid')
    },
  )
})

describe('accessToken', () => {
  it('lets a token from an exchanged code through, and keeps it valid (Pelm tokens do not expire)', async () => {
    const { get, connect, clock } = testSandbox()
    const accessToken = await connect()
    expect((await get('/accounts', accessToken)).status).toBe(200)
    clock.now += 365 * 24 * 3600 * 1000
    expect((await get('/accounts', accessToken)).status).toBe(200)
  })

  it('forgets every token on reset()', async () => {
    const { get, connect, mock } = testSandbox()
    const accessToken = await connect()
    mock.reset()
    await expectPelmError(await get('/accounts', accessToken), 401, 'token_invalid')
  })
})
