import { describe, expect, it } from 'vitest'
import { expectPelmError, testSandbox } from '../../test/api-sandbox'
import { createPelmMock } from '../create-pelm-mock'
import { CONNECT_TOKEN_TTL_MS } from '../sandbox/store'

const PATHS = ['/auth/connect-token', '/auth/connect_token']

describe.each(PATHS)('POST %s', (path) => {
  it('issues a connect token for a urlencoded body', async () => {
    const { post, mock } = testSandbox()
    const response = await post(path, new URLSearchParams({ user_id: 'user-1' }))
    expect(response.status).toBe(200)
    expect(response.headers.get('cache-control')).toBe('no-store')
    const body = await response.json()
    expect(body).toEqual({
      connect_token: expect.stringMatching(/^ct_[0-9a-f]{48}$/),
      expires_in: 1800,
    })
    expect(mock.store.findConnectToken(body.connect_token)).toMatchObject({ userId: 'user-1' })
  })

  it('issues a connect token for a multipart body, as the seed sends it', async () => {
    const { post, mock } = testSandbox()
    const form = new FormData()
    form.set('user_id', 'user-2')
    form.set('utility_id', '1')
    const response = await post(path, form)
    expect(response.status).toBe(200)
    const { connect_token } = await response.json()
    expect(mock.store.findConnectToken(connect_token)).toMatchObject({
      userId: 'user-2',
      utility: { slug: 'pge' },
    })
  })
})

describe('POST /auth/connect-token', () => {
  it.each([
    ['utility_id', '2', 'sce'],
    ['utility_slug', 'coned', 'coned'],
  ])('fixes the utility named by %s', async (field, value, slug) => {
    const { post, mock } = testSandbox()
    const response = await post('/auth/connect-token', { user_id: 'user-1', [field]: value })
    const { connect_token } = await response.json()
    expect(mock.store.findConnectToken(connect_token)?.utility?.slug).toBe(slug)
  })

  it('leaves the utility open when none is named (an empty field counts as none)', async () => {
    const { post, mock } = testSandbox()
    const response = await post('/auth/connect-token', { user_id: 'user-1', utility_slug: '' })
    const { connect_token } = await response.json()
    expect(mock.store.findConnectToken(connect_token)?.utility).toBeUndefined()
  })

  it.each([
    ['no headers', {}],
    ['no secret', { 'Pelm-Client-Id': 'sandbox_client_id' }],
    ['no client id', { 'Pelm-Secret': 'sandbox_secret' }],
    ['a wrong secret', { 'Pelm-Client-Id': 'sandbox_client_id', 'Pelm-Secret': 'nope' }],
    ['a wrong client id', { 'Pelm-Client-Id': 'other', 'Pelm-Secret': 'sandbox_secret' }],
  ])('refuses %s with 401 credentials_invalid', async (_, headers) => {
    const { post, mock } = testSandbox()
    await expectPelmError(
      await post('/auth/connect-token', { user_id: 'user-1' }, headers),
      401,
      'credentials_invalid',
    )
    expect(mock.store.connectTokens.size).toBe(0)
  })

  it('accepts the credentials the sandbox was created with', async () => {
    const mock = createPelmMock({ clientId: 'my-client', secret: 'my-secret' })
    const response = await mock.fetch(`${mock.apiUrl}/auth/connect-token`, {
      method: 'POST',
      headers: { 'Pelm-Client-Id': 'my-client', 'Pelm-Secret': 'my-secret' },
      body: new URLSearchParams({ user_id: 'user-1' }),
    })
    expect(response.status).toBe(200)
  })

  it.each([
    ['JSON', JSON.stringify({ user_id: 'user-1' }), 'application/json', /application\/json/],
    ['plain text', 'user_id=user-1', 'text/plain', /text\/plain/],
  ])(
    'refuses a %s body with 400 parameter_invalid naming the accepted types',
    async (_, body, type, named) => {
      const { post, pelmHeaders } = testSandbox()
      const response = await post('/auth/connect-token', body, {
        ...pelmHeaders,
        'Content-Type': type,
      })
      const message = /application\/x-www-form-urlencoded or multipart\/form-data/
      expect(response.status).toBe(400)
      const { error_code, error_message } = await response.json()
      expect(error_code).toBe('parameter_invalid')
      expect(error_message).toMatch(message)
      expect(error_message).toMatch(named)
    },
  )

  it('refuses a request without a body with 400 parameter_invalid', async () => {
    const { post } = testSandbox()
    await expectPelmError(await post('/auth/connect-token'), 400, 'parameter_invalid', /empty/)
  })

  it('refuses a malformed multipart body with 400, not 500', async () => {
    const { post, pelmHeaders } = testSandbox()
    const response = await post('/auth/connect-token', 'not multipart at all', {
      ...pelmHeaders,
      'Content-Type': 'multipart/form-data; boundary=xyz',
    })
    await expectPelmError(response, 400, 'parameter_invalid')
  })

  it.each([
    ['missing', {}],
    ['empty', { user_id: '' }],
  ])('refuses a %s user_id with 400 parameter_missing', async (_, fields) => {
    const { post } = testSandbox()
    await expectPelmError(
      await post('/auth/connect-token', fields),
      400,
      'parameter_missing',
      /user_id/,
    )
  })

  it('refuses utility_id and utility_slug together with 400 parameter_invalid', async () => {
    const { post } = testSandbox()
    const response = await post('/auth/connect-token', {
      user_id: 'user-1',
      utility_id: '1',
      utility_slug: 'pge',
    })
    await expectPelmError(response, 400, 'parameter_invalid', /not both/)
  })

  it.each([
    ['utility_id', '999'],
    ['utility_slug', 'nowhere-power'],
  ])('refuses an unknown %s with 400 parameter_invalid', async (field, value) => {
    const { post } = testSandbox()
    const response = await post('/auth/connect-token', { user_id: 'user-1', [field]: value })
    await expectPelmError(response, 400, 'parameter_invalid', new RegExp(`${field} "${value}"`))
  })

  it('refuses a file where text is expected with 400 parameter_invalid', async () => {
    const { post } = testSandbox()
    const form = new FormData()
    form.set('user_id', new Blob(['user-1'], { type: 'text/plain' }), 'user.txt')
    await expectPelmError(
      await post('/auth/connect-token', form),
      400,
      'parameter_invalid',
      /not a file/,
    )
  })

  it('refuses a repeated user_id with 400 parameter_invalid', async () => {
    const { post } = testSandbox()
    const body = new URLSearchParams([
      ['user_id', 'user-1'],
      ['user_id', 'user-2'],
    ])
    await expectPelmError(
      await post('/auth/connect-token', body),
      400,
      'parameter_invalid',
      /more than once/,
    )
  })

  it('accepts a user_id of 256 characters and refuses 257 with 400 parameter_invalid', async () => {
    const { post } = testSandbox()
    expect((await post('/auth/connect-token', { user_id: 'u'.repeat(256) })).status).toBe(200)
    const response = await post('/auth/connect-token', { user_id: 'u'.repeat(257) })
    await expectPelmError(response, 400, 'parameter_invalid', /longer than 256/)
  })

  it('issues tokens that expire after 30 minutes', async () => {
    const { post, mock, clock } = testSandbox()
    const { connect_token } = await (
      await post('/auth/connect-token', { user_id: 'user-1' })
    ).json()
    clock.now += CONNECT_TOKEN_TTL_MS - 1
    expect(mock.store.findConnectToken(connect_token)).toBeDefined()
    clock.now += 1
    expect(mock.store.findConnectToken(connect_token)).toBeUndefined()
  })

  it('answers other methods with 404 not_found', async () => {
    const { get } = testSandbox()
    await expectPelmError(await get('/auth/connect-token'), 404, 'not_found')
  })
})
