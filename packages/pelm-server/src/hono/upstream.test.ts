import { createPelmMock, type FaultRule } from '@acme/pelm-mock'
import { describe, expect, it } from 'vitest'
import { COOKIE_SECRET, codeFor, errorOf, harness } from './test-support'

const CONNECT = 'POST /auth/connect-token'
const TOKEN = 'POST /auth/token'

describe('upstream failures on /connect-token', () => {
  it.each<[string, Omit<FaultRule, 'route'>, number, string, string | undefined, number]>([
    ['a persistent 503', { status: 503 }, 502, 'upstream_error', 'internal_error', 3],
    ['a 500', { status: 500, times: 1 }, 502, 'upstream_error', 'internal_error', 1],
    ['malformed JSON', { status: 200, body: 'not json' }, 502, 'upstream_error', undefined, 1],
    [
      'a wrong JSON shape',
      { status: 200, body: '{"token":"x"}' },
      502,
      'upstream_error',
      undefined,
      1,
    ],
    ['dropped connections', { drop: 'before' }, 502, 'upstream_error', undefined, 3],
    [
      'quota reached',
      { status: 402, errorCode: 'quota_reached' },
      502,
      'upstream_error',
      'quota_reached',
      1,
    ],
  ])('maps %s (%o) to %i %s', async (_, fault, status, code, upstreamCode, attempts) => {
    const h = harness()
    h.mock.faults.add({ route: CONNECT, ...fault })
    const response = await h.request('POST', '/connect-token', { user: 'alice', body: {} })
    expect(response.status).toBe(status)
    const error = await errorOf(response)
    expect(error.code).toBe(code)
    expect(error.upstreamCode).toBe(upstreamCode)
    expect(h.mock.requests).toHaveLength(attempts)
    expect(response.headers.getSetCookie()).toEqual([])
  })

  it('recovers from one transient 503 by retrying', async () => {
    const h = harness()
    h.mock.faults.add({ route: CONNECT, status: 503, times: 1 })
    expect((await h.request('POST', '/connect-token', { user: 'alice', body: {} })).status).toBe(
      200,
    )
    expect(h.events).toContainEqual(
      expect.objectContaining({
        event: 'upstream.retry',
        operation: CONNECT,
        upstreamStatus: 503,
        reason: 'status',
      }),
    )
  })

  it('maps a timeout to 504 upstream_timeout', async () => {
    const h = harness({ timeoutMs: 30 })
    h.mock.faults.add({ route: CONNECT, latencyMs: 300, times: 1 })
    const response = await h.request('POST', '/connect-token', { user: 'alice', body: {} })
    expect(response.status).toBe(504)
    expect(await errorOf(response)).toMatchObject({ code: 'upstream_timeout' })
  })

  it('maps rejected credentials to 500 misconfigured, addressed to the operator', async () => {
    const h = harness({ secret: 'a-wrong-secret' })
    const response = await h.request('POST', '/connect-token', { user: 'alice', body: {} })
    expect(response.status).toBe(500)
    const error = await errorOf(response)
    expect(error.code).toBe('misconfigured')
    expect(error.message).toMatch(/operator/)
    expect(error.message).toMatch(/nothing is wrong on your side/)
    expect(error.upstreamCode).toBeUndefined()
    const logged = JSON.stringify(h.events)
    expect(logged).toContain('credentials_invalid')
    expect(logged).not.toContain('a-wrong-secret')
  })

  it('does not pass on an undocumented upstream code', async () => {
    const h = harness()
    h.mock.faults.add({
      route: CONNECT,
      status: 500,
      body: '{"error_code":"db_host_10.0.0.7","error_message":"x"}',
    })
    const error = await errorOf(
      await h.request('POST', '/connect-token', { user: 'alice', body: {} }),
    )
    expect(error).toEqual({ code: 'upstream_error', message: expect.any(String) })
  })

  // Found by the security suite's fuzzing: bad input from the browser must never answer a 5xx.
  it('maps an unknown utility to 400 invalid_body with parameter_invalid', async () => {
    const h = harness()
    for (const body of [
      { utilitySlug: 'atlantis' },
      { utilityId: '999999' },
      { utilitySlug: '\ud800' },
    ]) {
      const response = await h.request('POST', '/connect-token', { user: 'alice', body })
      expect(response.status).toBe(400)
      expect(await errorOf(response)).toMatchObject({
        code: 'invalid_body',
        upstreamCode: 'parameter_invalid',
      })
    }
  })

  it('keeps 502 when Pelm refuses parameters the browser did not choose', async () => {
    const h = harness()
    h.mock.faults.add({
      route: 'POST /auth/connect-token',
      status: 400,
      errorCode: 'parameter_invalid',
    })
    const response = await h.request('POST', '/connect-token', { user: 'alice', body: {} })
    expect(response.status).toBe(502)
    expect(await errorOf(response)).toMatchObject({
      code: 'upstream_error',
      upstreamCode: 'parameter_invalid',
    })
  })
})

describe('upstream failures on /exchange (never retried)', () => {
  it.each<[string, Omit<FaultRule, 'route'>, number, string]>([
    ['a 503', { status: 503 }, 502, 'upstream_error'],
    ['a 502', { status: 502 }, 502, 'upstream_error'],
    ['malformed JSON', { status: 200, body: '{"access_token":' }, 502, 'upstream_error'],
    ['a connection dropped before Pelm handled it', { drop: 'before' }, 502, 'upstream_error'],
    ['a connection dropped after Pelm spent the code', { drop: 'after' }, 502, 'upstream_error'],
  ])('maps %s (%o) to %i %s after one call', async (_, fault, status, code) => {
    const h = harness()
    const { state, cookie } = await h.start('alice')
    h.mock.faults.add({ route: TOKEN, ...fault })
    const response = await h.exchange('alice', { code: codeFor(h.mock, 'alice'), state }, cookie)
    expect(response.status).toBe(status)
    expect(await errorOf(response)).toMatchObject({ code })
    expect(h.tokenCalls()).toBe(1)
    expect(await h.tokenStore.get('alice')).toBeUndefined()
  })

  it('maps a timeout to 504 upstream_timeout', async () => {
    const h = harness({ timeoutMs: 30 })
    const { state, cookie } = await h.start('alice')
    h.mock.faults.add({ route: TOKEN, latencyMs: 300 })
    const response = await h.exchange('alice', { code: codeFor(h.mock, 'alice'), state }, cookie)
    expect(response.status).toBe(504)
    expect(await errorOf(response)).toMatchObject({ code: 'upstream_timeout' })
  })

  it('maps rejected credentials to 500 misconfigured', async () => {
    const mock = createPelmMock()
    const good = harness({}, mock)
    const { state, cookie } = await good.start('alice')
    const bad = harness({ secret: 'wrong-secret-value' }, mock)
    const response = await bad.exchange('alice', { code: codeFor(mock, 'alice'), state }, cookie)
    expect(response.status).toBe(500)
    expect(await errorOf(response)).toMatchObject({ code: 'misconfigured' })
  })

  it('maps a code Pelm refuses to 400 code_invalid with its code', async () => {
    const h = harness()
    const { state, cookie } = await h.start('alice')
    const response = await h.exchange('alice', { code: 'code_forged', state }, cookie)
    expect(response.status).toBe(400)
    expect(await errorOf(response)).toMatchObject({
      code: 'code_invalid',
      upstreamCode: 'parameter_invalid',
    })
  })
})

describe('secrets stay on the server', () => {
  it('never answers or logs a token, code or secret, whatever happens', async () => {
    const h = harness({ timeoutMs: 50 })
    const browserValues: string[] = []
    const serverOnly: string[] = [h.mock.credentials.secret, COOKIE_SECRET]
    for (const fault of [
      undefined,
      { status: 503 as const },
      { drop: 'after' as const },
      { status: 200 as const, body: 'x' },
    ]) {
      const { state, cookie, connectUrl } = await h.start('alice')
      const code = codeFor(h.mock, 'alice')
      serverOnly.push(code)
      browserValues.push(
        state,
        cookie.slice('pelm_state='.length),
        connectUrl.searchParams.get('connect_token') ?? '',
      )
      if (fault) h.mock.faults.add({ route: TOKEN, ...fault, times: 1 })
      await h.exchange('alice', { code, state }, cookie)
    }
    // every access token Pelm issued, including the one lost to the dropped connection
    const accessTokens = [...h.mock.store.pelmUsers.keys()]
    expect(accessTokens).toHaveLength(2)
    serverOnly.push(...accessTokens)
    const answered = JSON.stringify(h.responses)
    const logged = JSON.stringify(h.events)
    for (const value of serverOnly) expect(answered).not.toContain(value)
    for (const value of [...serverOnly, ...browserValues]) expect(logged).not.toContain(value)
  })

  it('answers success when onConnected throws, and logs it redacted', async () => {
    const h = harness({
      onConnected: () => {
        throw new Error('webhook failed for token in body')
      },
    })
    const { state, cookie } = await h.start('alice')
    const response = await h.exchange('alice', { code: codeFor(h.mock, 'alice'), state }, cookie)
    expect(response.status).toBe(200)
    expect(h.events).toContainEqual(
      expect.objectContaining({ event: 'on_connected.failed', userId: 'alice' }),
    )
  })

  it('answers 500 when the token store fails, without leaking what the error said', async () => {
    let leaked = ''
    const h = harness({
      tokenStore: {
        get: async () => undefined,
        delete: async () => {},
        set: async (_user, record) => {
          leaked = record.accessToken
          throw new Error(`INSERT failed for ${record.accessToken}`)
        },
      },
    })
    const { state, cookie } = await h.start('alice')
    const response = await h.exchange('alice', { code: codeFor(h.mock, 'alice'), state }, cookie)
    expect(response.status).toBe(500)
    expect(await errorOf(response)).toMatchObject({ code: 'internal_error' })
    expect(leaked).not.toBe('')
    const logged = JSON.stringify(h.events)
    expect(logged).toContain('INSERT failed for [redacted]')
    expect(logged).not.toContain(leaked)
  })
})
