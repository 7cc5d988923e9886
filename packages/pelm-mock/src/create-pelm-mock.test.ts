import { describe, expect, it } from 'vitest'
import { expectPelmError, testSandbox, utility } from '../test/api-sandbox'
import { createPelmMock } from './create-pelm-mock'

const pge = utility('pge')

describe('createPelmMock', () => {
  it('answers at its apiUrl through fetch, and 404 not_found for unknown routes', async () => {
    const mock = createPelmMock({ baseUrl: 'http://pelm.test/' })
    expect(mock.apiUrl).toBe('http://pelm.test')
    const response = await mock.fetch('http://pelm.test/nothing-here')
    await expectPelmError(response, 404, 'not_found', /GET \/nothing-here/)
  })

  describe('body limit', () => {
    it('refuses a body over 64 KiB with 413 and a Pelm error body', async () => {
      const { post, mock } = testSandbox()
      const response = await post('/auth/connect-token', { user_id: 'u'.repeat(64 * 1024) })
      await expectPelmError(response, 413, 'parameter_invalid', /65536 bytes/)
      expect(mock.store.connectTokens.size).toBe(0)
    })

    it('honours maxBodyBytes', async () => {
      const { post } = testSandbox({ maxBodyBytes: 100 })
      await expectPelmError(
        await post('/auth/connect-token', { user_id: 'u'.repeat(100) }),
        413,
        'parameter_invalid',
      )
      expect((await post('/auth/connect-token', { user_id: 'u'.repeat(50) })).status).toBe(200)
    })
  })

  describe('request log', () => {
    it('records method, path, query, lower-case headers and the parsed urlencoded body', async () => {
      const { post, mock, clock } = testSandbox()
      await post('/auth/connect-token', { user_id: 'user-1', utility_slug: 'pge' })
      expect(mock.requests).toEqual([
        {
          method: 'POST',
          path: '/auth/connect-token',
          query: {},
          headers: expect.objectContaining({
            'pelm-client-id': 'sandbox_client_id',
            'pelm-secret': 'sandbox_secret',
          }),
          body: { user_id: 'user-1', utility_slug: 'pge' },
          contentType: expect.stringMatching(/^application\/x-www-form-urlencoded/),
          receivedAt: clock.now,
        },
      ])
    })

    it('parses a form body whatever the case of its media type, as the API does', async () => {
      const { post, mock, pelmHeaders } = testSandbox()
      const answered = await post('/auth/connect-token', 'user_id=user-1', {
        ...pelmHeaders,
        'Content-Type': 'Application/X-WWW-Form-Urlencoded',
      })
      expect(answered.status).toBe(200)
      expect(mock.requests[0]?.body).toEqual({ user_id: 'user-1' })
    })

    it('records a multipart body as its fields', async () => {
      const { post, mock } = testSandbox()
      const form = new FormData()
      form.set('user_id', 'user-1')
      await post('/auth/connect_token', form)
      expect(mock.requests[0]).toMatchObject({
        path: '/auth/connect_token',
        body: { user_id: 'user-1' },
      })
    })

    it('records data requests with their query and bearer token', async () => {
      const { get, connect, mock } = testSandbox()
      const accessToken = await connect()
      await get('/bills?account_id=acct_1', accessToken)
      expect(mock.requests.map(({ method, path }) => `${method} ${path}`)).toEqual([
        'POST /auth/token',
        'GET /bills',
      ])
      expect(mock.requests[1]).toMatchObject({
        query: { account_id: 'acct_1' },
        headers: { authorization: `Bearer ${accessToken}` },
        body: null,
      })
    })
  })

  describe('fault injection', () => {
    const exchange = (sandbox: ReturnType<typeof testSandbox>, code: string) =>
      sandbox.post('/auth/token', { code, grant_type: 'code' })

    it('answers an injected status with a Pelm error body', async () => {
      const { get, mock } = testSandbox()
      mock.faults.add({ route: 'GET /accounts', status: 503, errorCode: 'utility_unavailable' })
      await expectPelmError(await get('/accounts'), 503, 'utility_unavailable', /Injected fault/)
    })

    it('answers an injected status with internal_error by default, or with a raw malformed body', async () => {
      const { post, mock } = testSandbox()
      mock.faults.add({ route: '/auth/connect-token', status: 500, times: 1 })
      mock.faults.add({ route: '*', status: 502, body: '{"error_code": "internal', times: 1 })
      await expectPelmError(
        await post('/auth/connect-token', { user_id: 'u' }),
        500,
        'internal_error',
      )
      const malformed = await post('/auth/connect-token', { user_id: 'u' })
      expect(malformed.status).toBe(502)
      await expect(malformed.json()).rejects.toThrow(SyntaxError)
    })

    it('applies a rule `times` times, then handles requests again', async () => {
      const { post, mock } = testSandbox()
      mock.faults.add({
        route: 'POST /auth/connect-token',
        status: 429,
        errorCode: 'quota_reached',
        times: 2,
      })
      const statuses = []
      for (let i = 0; i < 3; i++)
        statuses.push((await post('/auth/connect-token', { user_id: 'u' })).status)
      expect(statuses).toEqual([429, 429, 200])
      expect(mock.faults.active).toEqual([])
    })

    it('matches the method and path of a rule only', async () => {
      const { post, mock } = testSandbox()
      mock.faults.add({ route: 'GET /auth/connect-token', status: 500 })
      mock.faults.add({ route: 'POST /auth/token', status: 500 })
      expect((await post('/auth/connect-token', { user_id: 'u' })).status).toBe(200)
    })

    it('delays the answer by latencyMs', async () => {
      const { post, mock } = testSandbox()
      mock.faults.add({ route: 'POST /auth/connect-token', latencyMs: 40, times: 1 })
      const started = performance.now()
      expect((await post('/auth/connect-token', { user_id: 'u' })).status).toBe(200)
      expect(performance.now() - started).toBeGreaterThanOrEqual(35)
    })

    it("drops the connection before handling with drop: 'before': the code is not spent", async () => {
      const sandbox = testSandbox()
      const { code } = sandbox.mock.store.issueCode('user-1', pge)
      sandbox.mock.faults.add({ route: 'POST /auth/token', drop: 'before', times: 1 })
      await expect(exchange(sandbox, code)).rejects.toThrow(TypeError)
      expect((await exchange(sandbox, code)).status).toBe(200)
    })

    it("drops the connection after handling with drop: 'after': the code is spent", async () => {
      const sandbox = testSandbox()
      const { code } = sandbox.mock.store.issueCode('user-1', pge)
      sandbox.mock.faults.add({ route: 'POST /auth/token', drop: 'after', times: 1 })
      await expect(exchange(sandbox, code)).rejects.toThrow(TypeError)
      expect(sandbox.mock.store.pelmUsers.size).toBe(1)
      await expectPelmError(await exchange(sandbox, code), 400, 'parameter_invalid', /already used/)
    })

    it('records faulted requests in the request log too', async () => {
      const { post, mock } = testSandbox()
      mock.faults.add({ route: '*', drop: 'before' })
      await expect(post('/auth/connect-token', { user_id: 'u' })).rejects.toThrow(TypeError)
      expect(mock.requests).toHaveLength(1)
    })
  })

  describe('fetch and AbortSignal, as the platform fetch', () => {
    it('rejects with the reason of a signal aborted before, and handles nothing', async () => {
      const sandbox = testSandbox()
      const { code } = sandbox.mock.store.issueCode('user-1', pge)
      const sent = sandbox.mock.fetch(`${sandbox.mock.apiUrl}/auth/token`, {
        method: 'POST',
        headers: sandbox.pelmHeaders,
        body: new URLSearchParams({ code, grant_type: 'code' }),
        signal: AbortSignal.abort(),
      })
      await expect(sent).rejects.toMatchObject({ name: 'AbortError' })
      expect(sandbox.mock.requests).toHaveLength(0)
      expect(sandbox.mock.store.codes.get(code)?.usedAt).toBeUndefined()
    })

    it('rejects when the signal aborts while a latency fault holds the answer', async () => {
      const { mock, pelmHeaders } = testSandbox()
      mock.faults.add({ route: '*', latencyMs: 400 })
      const started = performance.now()
      const sent = mock.fetch(`${mock.apiUrl}/accounts`, {
        headers: pelmHeaders,
        signal: AbortSignal.timeout(20),
      })
      await expect(sent).rejects.toMatchObject({ name: 'TimeoutError' })
      expect(performance.now() - started).toBeLessThan(300)
    })
  })

  it('reset() forgets tokens, codes, requests and faults', async () => {
    const { post, mock } = testSandbox()
    mock.faults.add({ route: '/accounts', status: 500 })
    await post('/auth/connect-token', { user_id: 'user-1' })
    mock.store.issueCode('user-1', pge)
    mock.reset()
    expect(mock.requests).toEqual([])
    expect(mock.faults.active).toEqual([])
    expect(mock.store.connectTokens.size + mock.store.codes.size).toBe(0)
  })
})
