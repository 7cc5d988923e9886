import { createPelmMock } from '@acme/pelm-mock'
import { describe, expect, it } from 'vitest'
import {
  PelmAuthError,
  PelmBadRequestError,
  PelmInvalidResponseError,
  PelmTimeoutError,
  PelmUnavailableError,
} from '../src/errors'
import { rejectionOf as failure, issueCode, sandboxClient } from './sandbox-client'

describe('createConnectToken', () => {
  it('sends the wire format: hyphenated path, both headers, urlencoded user_id', async () => {
    const now = 1_700_000_000_000
    const { mock, client } = sandboxClient({ now: () => now })
    const token = await client.createConnectToken({ userId: 'user-1', utilitySlug: 'pge' })
    expect(token.connectToken).toMatch(/^ct_/)
    expect(token.expiresIn).toBe(1800)
    expect(token.expiresAt.getTime()).toBe(now + 1800 * 1000)
    const [request] = mock.requests
    expect(request).toMatchObject({
      method: 'POST',
      path: '/auth/connect-token',
      contentType: 'application/x-www-form-urlencoded',
      body: { user_id: 'user-1', utility_slug: 'pge' },
    })
    expect(request?.headers['pelm-client-id']).toBe(mock.credentials.clientId)
    expect(request?.headers['pelm-secret']).toBe(mock.credentials.secret)
  })

  it('sends utility_id and uses a configured path', async () => {
    const { mock, client } = sandboxClient({ connectTokenPath: '/auth/connect_token' })
    await client.createConnectToken({ userId: 'u', utilityId: '1' })
    expect(mock.requests[0]).toMatchObject({
      path: '/auth/connect_token',
      body: { user_id: 'u', utility_id: '1' },
    })
  })

  it('refuses utilityId with utilitySlug before calling Pelm', async () => {
    const { mock, client } = sandboxClient()
    await expect(
      client.createConnectToken({ userId: 'u', utilityId: '1', utilitySlug: 'pge' }),
    ).rejects.toThrow(TypeError)
    expect(mock.requests).toHaveLength(0)
  })

  it('retries 502/503/504 and network errors up to twice', async () => {
    const retries: unknown[] = []
    const { mock, client } = sandboxClient({ onRetry: (event) => retries.push(event) })
    mock.faults.add({ route: 'POST /auth/connect-token', status: 503, times: 1 })
    mock.faults.add({ route: 'POST /auth/connect-token', drop: 'before', times: 1 })
    await expect(client.createConnectToken({ userId: 'u' })).resolves.toMatchObject({
      expiresIn: 1800,
    })
    expect(mock.requests).toHaveLength(3)
    expect(retries).toMatchObject([
      { operation: 'POST /auth/connect-token', retry: 1, reason: 'status', status: 503 },
      { operation: 'POST /auth/connect-token', retry: 2, reason: 'network' },
    ])
  })

  it('gives up after two retries with PelmUnavailableError', async () => {
    const { mock, client } = sandboxClient()
    mock.faults.add({ route: 'POST /auth/connect-token', status: 504 })
    const error = await failure(client.createConnectToken({ userId: 'u' }))
    expect(error).toBeInstanceOf(PelmUnavailableError)
    expect(error).toMatchObject({ code: 'upstream_unavailable', status: 504 })
    expect(mock.requests).toHaveLength(3)
  })

  it('does not retry a 500', async () => {
    const { mock, client } = sandboxClient()
    mock.faults.add({ route: 'POST /auth/connect-token', status: 500, times: 1 })
    expect(await failure(client.createConnectToken({ userId: 'u' }))).toBeInstanceOf(
      PelmUnavailableError,
    )
    expect(mock.requests).toHaveLength(1)
  })

  it('maps rejected credentials to PelmAuthError', async () => {
    const mock = createPelmMock()
    const { client } = sandboxClient({ secret: 'wrong' }, mock)
    const error = await failure(client.createConnectToken({ userId: 'u' }))
    expect(error).toBeInstanceOf(PelmAuthError)
    expect(error).toMatchObject({
      code: 'unauthorized',
      status: 401,
      upstreamCode: 'credentials_invalid',
    })
    expect(error.message).not.toContain('wrong')
  })

  it('maps an unknown utility to PelmBadRequestError with Pelm code', async () => {
    const { client } = sandboxClient()
    const error = await failure(client.createConnectToken({ userId: 'u', utilitySlug: 'nope' }))
    expect(error).toBeInstanceOf(PelmBadRequestError)
    expect(error).toMatchObject({ status: 400, upstreamCode: 'parameter_invalid' })
  })

  it('times out with PelmTimeoutError', async () => {
    const { mock, client } = sandboxClient({ timeoutMs: 30 })
    mock.faults.add({ route: 'POST /auth/connect-token', latencyMs: 300, times: 1 })
    const error = await failure(client.createConnectToken({ userId: 'u' }))
    expect(error).toBeInstanceOf(PelmTimeoutError)
    expect(error).toMatchObject({ code: 'timeout', timeoutMs: 30 })
  })

  it('refuses malformed JSON and a wrong shape with PelmInvalidResponseError', async () => {
    const { mock, client } = sandboxClient()
    mock.faults.add({ route: 'POST /auth/connect-token', status: 200, body: 'not json', times: 1 })
    mock.faults.add({
      route: 'POST /auth/connect-token',
      status: 200,
      body: '{"connect_token":42}',
      times: 1,
    })
    expect(await failure(client.createConnectToken({ userId: 'u' }))).toBeInstanceOf(
      PelmInvalidResponseError,
    )
    const shape = await failure(client.createConnectToken({ userId: 'u' }))
    expect(shape).toBeInstanceOf(PelmInvalidResponseError)
    expect(shape.message).toContain('body.connect_token must be a non-empty string')
  })

  // Found by the security suite's upstream fuzzing: 1e308 gave an Invalid Date, then a 500.
  it('refuses an expires_in that is not a usable lifetime', async () => {
    const { mock, client } = sandboxClient()
    for (const expiresIn of [0, -1, 1e308]) {
      mock.faults.add({
        route: 'POST /auth/connect-token',
        status: 200,
        body: JSON.stringify({ connect_token: 'ct', expires_in: expiresIn }),
        times: 1,
      })
      const error = await failure(client.createConnectToken({ userId: 'u' }))
      expect(error).toBeInstanceOf(PelmInvalidResponseError)
      expect(error.message).toContain('body.expires_in must be a lifetime in seconds')
    }
  })
})

describe('exchangeCode', () => {
  it('sends code and grant_type=code, and reads access_token', async () => {
    const { mock, client } = sandboxClient()
    const code = issueCode(mock)
    const { accessToken } = await client.exchangeCode(code)
    expect(mock.store.findByAccessToken(accessToken)?.userId).toBe('user-1')
    expect(mock.requests[0]).toMatchObject({
      method: 'POST',
      path: '/auth/token',
      contentType: 'application/x-www-form-urlencoded',
      body: { code, grant_type: 'code' },
    })
    expect(mock.requests[0]?.headers['pelm-secret']).toBe(mock.credentials.secret)
  })

  it('maps an unknown or used code to PelmBadRequestError', async () => {
    const { mock, client } = sandboxClient()
    const code = issueCode(mock)
    await client.exchangeCode(code)
    const error = await failure(client.exchangeCode(code))
    expect(error).toBeInstanceOf(PelmBadRequestError)
    expect(error).toMatchObject({ status: 400, upstreamCode: 'parameter_invalid' })
  })

  it.each([
    ['longer than 4,096 characters', 'a'.repeat(4097)],
    ['with a space (no Bearer header can carry it)', 'at_ with space'],
    ['with a non-ASCII character', 'at_caf\u00e9'],
  ])('refuses an access token %s as an invalid answer', async (_, token) => {
    const { mock, client } = sandboxClient()
    const body = JSON.stringify({ access_token: token })
    mock.faults.add({ route: 'POST /auth/token', status: 200, body, times: 1 })
    const error = await failure(client.exchangeCode(issueCode(mock)))
    expect(error).toBeInstanceOf(PelmInvalidResponseError)
    expect(error).toMatchObject({ code: 'invalid_response' })
  })

  it('accepts an access token of 4,096 visible ASCII characters', async () => {
    const { mock, client } = sandboxClient()
    const token = 'aZ09-._~+/!'.repeat(373).slice(0, 4096)
    mock.faults.add({
      route: 'POST /auth/token',
      status: 200,
      body: JSON.stringify({ access_token: token }),
      times: 1,
    })
    expect(await client.exchangeCode(issueCode(mock))).toEqual({ accessToken: token })
  })

  it.each([
    ['a 503', { status: 503 as const }],
    ['a connection dropped before Pelm handled it', { drop: 'before' as const }],
    ['a connection dropped after Pelm handled it', { drop: 'after' as const }],
  ])('never retries %s', async (_, fault) => {
    const { mock, client } = sandboxClient()
    mock.faults.add({ route: 'POST /auth/token', ...fault, times: 1 })
    expect(await failure(client.exchangeCode(issueCode(mock)))).toBeInstanceOf(PelmUnavailableError)
    expect(mock.requests).toHaveLength(1)
  })
})

describe('data calls', () => {
  it('read accounts, bills and intervals with the bearer token', async () => {
    const { mock, client } = sandboxClient()
    const { accessToken } = await client.exchangeCode(issueCode(mock))
    const accounts = await client.getAccounts(accessToken)
    const [account] = accounts
    if (!account) throw new Error('the sandbox gave no account')
    expect(account.meters.length).toBeGreaterThan(0)
    const bills = await client.getBills(accessToken, { accountId: account.id })
    expect(bills[0]?.account_id).toBe(account.id)
    const intervals = await client.getIntervals(accessToken, {
      accountId: account.id,
      type: 'ELECTRIC',
      startDate: new Date(Date.now() - 86_400_000),
    })
    expect(intervals.intervals.length).toBeGreaterThan(0)
    const last = mock.requests.at(-1)
    expect(last?.headers.authorization).toBe(`Bearer ${accessToken}`)
    expect(last?.query).toMatchObject({ account_id: account.id, type: 'ELECTRIC' })
  })

  it('retries data_unavailable with backoff until the data is ready', async () => {
    let time = Date.now()
    const mock = createPelmMock({ now: () => time, dataDelayMs: 1000 })
    const { client } = sandboxClient({ onRetry: () => (time += 400) }, mock)
    const { accessToken } = await client.exchangeCode(issueCode(mock))
    const accounts = await client.getAccounts(accessToken)
    expect(accounts.length).toBeGreaterThan(0)
    expect(mock.requests.filter((request) => request.path === '/accounts')).toHaveLength(4)
  })

  it('gives up on data_unavailable after the data retries', async () => {
    const mock = createPelmMock({ dataDelayMs: 60_000 })
    const { client } = sandboxClient({ dataRetry: { retries: 2, baseDelayMs: 1 } }, mock)
    const { accessToken } = await client.exchangeCode(issueCode(mock))
    const error = await failure(client.getAccounts(accessToken))
    expect(error).toBeInstanceOf(PelmUnavailableError)
    expect(error).toMatchObject({ status: 500, upstreamCode: 'data_unavailable' })
  })

  it('maps an unknown access token to PelmBadRequestError, not to a credentials problem', async () => {
    const { client } = sandboxClient()
    const error = await failure(client.getAccounts('not-a-token'))
    expect(error).toBeInstanceOf(PelmBadRequestError)
    expect(error).toMatchObject({ status: 401, upstreamCode: 'token_invalid' })
  })
})
