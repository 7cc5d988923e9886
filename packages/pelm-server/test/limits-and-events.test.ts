import { describe, expect, it } from 'vitest'
import type { PelmEvent } from '../src/events'
import { memoryRateLimiter } from '../src/rate-limiters/memory'
import { errorOf, harness } from './harness'

const at = expect.stringMatching(/^\d{4}-\d\d-\d\dT/)

describe('per-user rate limits', () => {
  it('answers 429 with Retry-After over the limit, before anything reaches Pelm', async () => {
    const app = harness({
      rateLimits: { connectToken: { limit: 3, windowMs: 60_000 }, exchange: false },
    })
    for (let index = 0; index < 3; index++) await app.start('alice')
    const before = app.upstreamCalls('POST', '/auth/connect-token')
    const refused = await Promise.all(
      Array.from({ length: 5 }, () =>
        app.request('POST', '/connect-token', { user: 'alice', body: {} }),
      ),
    )
    for (const response of refused) {
      expect(response.status).toBe(429)
      expect(Number(response.headers.get('retry-after'))).toBeGreaterThanOrEqual(1)
      expect((await errorOf(response)).code).toBe('rate_limited')
    }
    expect(app.upstreamCalls('POST', '/auth/connect-token')).toBe(before)
    // Per user: bob is not limited by alice's requests.
    await app.start('bob')
  })

  it('limits exchanges per user, and can be switched off', async () => {
    const limited = harness({ rateLimits: { exchange: { limit: 1, windowMs: 60_000 } } })
    const body = { code: 'c', state: 's' }
    expect((await limited.exchange('alice', body)).status).not.toBe(429)
    expect((await limited.exchange('alice', body)).status).toBe(429)
    const off = harness() // the harness turns the limits off
    for (let index = 0; index < 40; index++) await off.start('alice')
  })

  it('lets requests through when the limiter fails, and logs it', async () => {
    const app = harness({
      rateLimiter: { hit: () => Promise.reject(new Error('redis is down')) },
      rateLimits: { connectToken: { limit: 1, windowMs: 60_000 } },
    })
    await app.start('alice')
    expect(app.events.some((event) => event.event === 'rate_limit.failed')).toBe(true)
  })

  it('refuses invalid limits at start-up', () => {
    expect(() => harness({ rateLimits: { exchange: { limit: 0, windowMs: 1000 } } })).toThrow(
      /pelmRoutes: rateLimits/,
    )
    expect(() => harness({ rateLimiter: {} as never })).toThrow(/rateLimiter must have hit/)
  })

  it('shares the counter between instances through the limiter', async () => {
    const rateLimiter = memoryRateLimiter()
    const rateLimits = { connectToken: { limit: 2, windowMs: 60_000 } }
    const one = harness({ rateLimiter, rateLimits })
    const two = harness({ rateLimiter, rateLimits })
    await one.start('alice')
    await two.start('alice')
    const third = await one.request('POST', '/connect-token', { user: 'alice', body: {} })
    expect(third.status).toBe(429)
  })
})

describe('server events', () => {
  it('tells each step of the flow, with no secret in any event', async () => {
    const events: PelmEvent[] = []
    const app = harness({ onEvent: (event) => void events.push(event) })
    const first = await app.connect('alice')
    await app.connect('alice') // the same login again: renewed
    const failed = await app.exchange('alice', { code: 'nope', state: 'nope' })
    expect(failed.status).toBe(400) // no binding cookie: state_missing
    await app.exchange(undefined, { code: 'nope', state: 'nope' })
    expect(
      (await app.request('DELETE', `/connections/${first.id}`, { user: 'alice' })).status,
    ).toBe(204)
    expect(events).toEqual([
      {
        type: 'connect_token.created',
        userId: 'alice',
        connectionId: first.id,
        mode: 'create',
        at,
      },
      { type: 'exchange.succeeded', userId: 'alice', connectionId: first.id, at },
      {
        type: 'connect_token.created',
        userId: 'alice',
        connectionId: expect.any(String),
        mode: 'create',
        at,
      },
      { type: 'exchange.succeeded', userId: 'alice', connectionId: first.id, at },
      { type: 'connection.renewed', userId: 'alice', connectionId: first.id, at },
      { type: 'exchange.failed', userId: 'alice', code: 'state_missing', status: 400, at },
      { type: 'exchange.failed', code: 'unauthenticated', status: 401, at },
      { type: 'connection.deleted', userId: 'alice', connectionId: first.id, at },
    ])
    const records = JSON.stringify(app.mock.exportState())
    const text = JSON.stringify(events)
    for (const secret of [
      app.mock.credentials.secret,
      ...(records.match(/[0-9a-f-]{36}/g) ?? []),
    ]) {
      expect(text).not.toContain(secret)
    }
  })

  it('tells a status change, and when the user was rate limited', async () => {
    const events: PelmEvent[] = []
    const app = harness({
      onEvent: (event) => void events.push(event),
      statusMaxAge: 1,
      rateLimits: { connectToken: { limit: 1, windowMs: 60_000 } },
    })
    const connection = await app.connect('alice')
    const [record] = await app.connectionStore.list('alice')
    app.mock.invalidateCredentials(record?.pelmUserId ?? '')
    await new Promise((resolve) => setTimeout(resolve, 5))
    await app.list('alice')
    await app.request('POST', '/connect-token', { user: 'alice', body: {} })
    expect(events.slice(2)).toEqual([
      {
        type: 'connection.status_changed',
        userId: 'alice',
        connectionId: connection.id,
        status: 'reconnect_required',
        previous: 'active',
        at,
      },
      {
        type: 'rate_limited',
        userId: 'alice',
        route: 'connect-token',
        retryAfterMs: expect.any(Number),
        at,
      },
    ])
  })

  it('never lets a failing event handler change an answer', async () => {
    const app = harness({
      onEvent: (event) => {
        if (event.type === 'exchange.succeeded') throw new Error('metrics down')
        return Promise.reject(new Error('also down'))
      },
    })
    const connection = await app.connect('alice')
    expect(connection.status).toBe('active')
    await new Promise((resolve) => setTimeout(resolve, 0))
    expect(app.events.filter((event) => event.event === 'on_event.failed').length).toBeGreaterThan(
      1,
    )
  })
})
