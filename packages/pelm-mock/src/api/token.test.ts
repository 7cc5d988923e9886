import { describe, expect, it } from 'vitest'
import { expectPelmError, testSandbox, utility } from '../../test/api-sandbox'
import { CODE_TTL_MS } from '../sandbox/store'

const pge = utility('pge')

function withCode() {
  const sandbox = testSandbox()
  const { code } = sandbox.mock.store.issueCode('user-1', pge)
  return { ...sandbox, code }
}

describe('POST /auth/token', () => {
  it('exchanges a code for an access token, with the legacy fields of the seed', async () => {
    const { post, code, mock } = withCode()
    const response = await post('/auth/token', { code, grant_type: 'code' })
    expect(response.status).toBe(200)
    expect(response.headers.get('cache-control')).toBe('no-store')
    const body = await response.json()
    expect(body).toEqual({
      access_token: expect.stringMatching(/^[0-9a-f-]{36}$/),
      access_token_expires_in: 3600,
      refresh_token: expect.stringMatching(/^[0-9a-f]{64}$/),
      refresh_token_expires_in: 1314000,
    })
    expect(mock.store.findByAccessToken(body.access_token)).toMatchObject({ userId: 'user-1' })
  })

  it('accepts a multipart body', async () => {
    const { post, code } = withCode()
    const form = new FormData()
    form.set('code', code)
    form.set('grant_type', 'code')
    expect((await post('/auth/token', form)).status).toBe(200)
  })

  it('refuses a second exchange of the same code with 400 parameter_invalid "already used"', async () => {
    const { post, code } = withCode()
    expect((await post('/auth/token', { code, grant_type: 'code' })).status).toBe(200)
    const again = await post('/auth/token', { code, grant_type: 'code' })
    await expectPelmError(again, 400, 'parameter_invalid', /already used/)
  })

  it('refuses a code older than 10 minutes with 400 parameter_invalid "expired"', async () => {
    const { post, code, clock } = withCode()
    clock.now += CODE_TTL_MS
    const response = await post('/auth/token', { code, grant_type: 'code' })
    await expectPelmError(response, 400, 'parameter_invalid', /expired.*10 minutes/)
  })

  it('accepts a code just before it expires', async () => {
    const { post, code, clock } = withCode()
    clock.now += CODE_TTL_MS - 1
    expect((await post('/auth/token', { code, grant_type: 'code' })).status).toBe(200)
  })

  it('refuses an unknown code with 400 parameter_invalid "unknown"', async () => {
    const { post } = withCode()
    const response = await post('/auth/token', { code: 'code_made_up', grant_type: 'code' })
    await expectPelmError(response, 400, 'parameter_invalid', /unknown/)
  })

  it.each([
    ['a missing grant_type', { code: 'x' }, 'parameter_missing', /grant_type/],
    [
      'another grant_type',
      { code: 'x', grant_type: 'refresh_token' },
      'parameter_invalid',
      /grant_type must be "code"/,
    ],
    ['a missing code', { grant_type: 'code' }, 'parameter_missing', /code is required/],
  ] as const)('refuses %s with 400', async (_, fields, errorCode, message) => {
    const { post } = withCode()
    await expectPelmError(await post('/auth/token', fields), 400, errorCode, message)
  })

  it('refuses a JSON body with 400 parameter_invalid, leaving the code unspent', async () => {
    const { post, code, pelmHeaders } = withCode()
    const response = await post('/auth/token', JSON.stringify({ code, grant_type: 'code' }), {
      ...pelmHeaders,
      'Content-Type': 'application/json',
    })
    await expectPelmError(response, 400, 'parameter_invalid', /x-www-form-urlencoded/)
    expect((await post('/auth/token', { code, grant_type: 'code' })).status).toBe(200)
  })

  it.each([
    ['missing', {}],
    ['wrong', { 'Pelm-Client-Id': 'sandbox_client_id', 'Pelm-Secret': 'wrong' }],
  ])(
    'refuses %s credentials with 401 credentials_invalid, leaving the code unspent',
    async (_, headers) => {
      const { post, code } = withCode()
      await expectPelmError(
        await post('/auth/token', { code, grant_type: 'code' }, headers),
        401,
        'credentials_invalid',
      )
      expect((await post('/auth/token', { code, grant_type: 'code' })).status).toBe(200)
    },
  )
})
