import { createPelmMock, type FaultRule } from '@acme/pelm-mock'
import { describe, expect, it } from 'vitest'
import { memoryConnectionStore } from '../src/connection-stores/memory'
import { COOKIE_SECRET, codeFor, errorOf, type Harness, harness } from './harness'

const CONNECT = 'POST /auth/connect-token'
const TOKEN = 'POST /auth/token'
const tokenCalls = (h: Harness) => h.upstreamCalls('POST', '/auth/token')

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

  it('maps a spent quota to 503 with Retry-After, never retried at once', async () => {
    const h = harness()
    h.mock.faults.add({ route: CONNECT, status: 402, errorCode: 'quota_reached' })
    const response = await h.request('POST', '/connect-token', { user: 'alice', body: {} })
    expect(response.status).toBe(503)
    expect(response.headers.get('retry-after')).toBe('3600')
    expect(await errorOf(response)).toMatchObject({
      code: 'upstream_unavailable',
      upstreamCode: 'quota_reached',
    })
    expect(h.mock.requests).toHaveLength(1)
  })

  it('recovers from one transient 503 by retrying', async () => {
    const h = harness()
    h.mock.faults.add({ route: CONNECT, status: 503, times: 1 })
    const response = await h.request('POST', '/connect-token', { user: 'alice', body: {} })
    expect(response.status).toBe(200)
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
    h.mock.faults.add({ route: CONNECT, status: 400, errorCode: 'parameter_invalid' })
    const response = await h.request('POST', '/connect-token', { user: 'alice', body: {} })
    expect(response.status).toBe(502)
    expect(await errorOf(response)).toMatchObject({
      code: 'upstream_error',
      upstreamCode: 'parameter_invalid',
    })
  })

  // Issue 18.8: the routes cap what they read from "Pelm" (8 MiB by default), streaming or not.
  it('answers 502 to an endless answer, having read no more than the cap', async () => {
    let pulled = 0
    const chunk = new Uint8Array(64 * 1024).fill(0x20)
    const endless = async () =>
      new Response(
        new ReadableStream<Uint8Array>({
          pull(controller) {
            pulled += 1
            controller.enqueue(chunk)
          },
        }),
        { status: 200, headers: { 'content-length': '2' } },
      )
    const h = harness({ fetch: endless })
    const response = await h.request('POST', '/connect-token', { user: 'alice', body: {} })
    expect(response.status).toBe(502)
    expect(await errorOf(response)).toMatchObject({ code: 'upstream_error' })
    expect(pulled).toBeLessThanOrEqual(8 * 16 + 2)
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
    const { state, cookie, connectUrl } = await h.start('alice')
    h.mock.faults.add({ route: TOKEN, ...fault })
    const response = await h.exchange('alice', { code: codeFor(h.mock, connectUrl), state }, cookie)
    expect(response.status).toBe(status)
    expect(await errorOf(response)).toMatchObject({ code })
    expect(tokenCalls(h)).toBe(1)
    expect(h.upstreamCalls('GET', '/users/')).toBe(0)
    expect(await h.connectionStore.list('alice')).toEqual([])
    expect(h.connected).toEqual([])
  })

  it('maps a timeout to 504 upstream_timeout', async () => {
    // Room for the start on a busy machine; the exchange's latency is far beyond it.
    const h = harness({ timeoutMs: 300 })
    const { state, cookie, connectUrl } = await h.start('alice')
    h.mock.faults.add({ route: TOKEN, latencyMs: 1000 })
    const response = await h.exchange('alice', { code: codeFor(h.mock, connectUrl), state }, cookie)
    expect(response.status).toBe(504)
    expect(await errorOf(response)).toMatchObject({ code: 'upstream_timeout' })
  })

  it('maps rejected credentials to 500 misconfigured', async () => {
    const mock = createPelmMock()
    const good = harness({}, mock)
    const { state, cookie, connectUrl } = await good.start('alice')
    const bad = harness({ secret: 'wrong-secret-value' }, mock)
    const code = codeFor(mock, connectUrl)
    const response = await bad.exchange('alice', { code, state }, cookie)
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
    const h = harness({ timeoutMs: 300 })
    const browserValues: string[] = []
    const serverOnly: string[] = [h.mock.credentials.secret, COOKIE_SECRET]
    for (const fault of [
      undefined,
      { status: 503 as const },
      { drop: 'after' as const },
      { status: 200 as const, body: 'x' },
    ]) {
      const { state, cookie, connectUrl } = await h.start('alice')
      const code = codeFor(h.mock, connectUrl)
      serverOnly.push(code)
      browserValues.push(
        state,
        cookie.split('=')[1] ?? '',
        connectUrl.searchParams.get('connect_token') ?? '',
      )
      if (fault) h.mock.faults.add({ route: TOKEN, ...fault, times: 1 })
      await h.exchange('alice', { code, state }, cookie)
    }
    // every access token Pelm issued, including the one lost to the dropped connection
    const accessTokens = [...h.mock.store.users.values()].flatMap((user) => user.accessTokens)
    expect(accessTokens).toHaveLength(2)
    serverOnly.push(...accessTokens)
    const [connection] = await h.list('alice')
    const path = `/connections/${connection?.id}`
    expect((await h.request('DELETE', path, { user: 'alice' })).status).toBe(204)
    const answered = JSON.stringify(h.responses)
    const logged = JSON.stringify(h.events)
    for (const value of serverOnly) expect(answered).not.toContain(value)
    for (const value of [...serverOnly, ...browserValues]) expect(logged).not.toContain(value)
  })

  it('answers 500 when the connection store fails, without leaking what the error said', async () => {
    let leaked = ''
    const inner = memoryConnectionStore()
    const h = harness({
      connectionStore: {
        ...inner,
        set: async (_user, record) => {
          leaked = record.accessToken
          throw new Error(`INSERT failed for ${record.accessToken}`)
        },
      },
    })
    const { state, cookie, connectUrl } = await h.start('alice')
    const response = await h.exchange('alice', { code: codeFor(h.mock, connectUrl), state }, cookie)
    expect(response.status).toBe(500)
    expect(await errorOf(response)).toMatchObject({
      code: 'internal_error',
      message: 'The connection could not be saved. Start the connection again.',
    })
    expect(leaked).not.toBe('')
    const logged = JSON.stringify(h.events)
    expect(logged).toContain('INSERT failed for [redacted]')
    expect(logged).not.toContain(leaked)
    expect(h.connected).toEqual([])
  })
})
