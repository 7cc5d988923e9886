import { randomBytes } from 'node:crypto'
import { DEFAULT_RATE_LIMITS } from '@acme/pelm-server'
import pg from 'pg'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { readConfig } from '../examples/node-postgres/src/config'
import { eventMetrics } from '../examples/node-postgres/src/metrics'
import { createStores } from '../examples/node-postgres/src/stores'
import { type StartedPostgres, startPostgres } from '../scripts/lib/postgres.mjs'

// The parts of examples/node-postgres that do not need the routes: its settings, its stores on a
// real PostgreSQL, and its Prometheus counters (scale-out-postgres.test.ts runs the server).
describe('examples/node-postgres', () => {
  let server: StartedPostgres
  let raw: pg.Pool

  beforeAll(async () => {
    server = await startPostgres()
    raw = new pg.Pool({ connectionString: server.url })
    raw.on('error', () => {}) // the restart below ends this pool's idle client too
  })
  afterAll(async () => {
    await raw?.end()
    await server?.stop()
  })

  it('reads the rate limits from RATE_LIMIT_CONNECT_TOKEN and RATE_LIMIT_EXCHANGE', () => {
    const required = { COOKIE_SECRET: 'c', DATABASE_URL: 'postgres://db', TOKEN_KEY: 'k' }
    expect(readConfig(required).rateLimits).toEqual(DEFAULT_RATE_LIMITS)
    const set = { ...required, RATE_LIMIT_CONNECT_TOKEN: '3/90s', RATE_LIMIT_EXCHANGE: 'off' }
    expect(readConfig(set).rateLimits).toEqual({
      connectToken: { limit: 3, windowMs: 90_000 },
      exchange: false,
    })
    expect(readConfig({ ...required, RATE_LIMIT_EXCHANGE: '5/2h' }).rateLimits.exchange).toEqual({
      limit: 5,
      windowMs: 7_200_000,
    })
    for (const wrong of ['30', '30/10', '0/10m', '30 per 10m', '30/10d']) {
      expect(() => readConfig({ ...required, RATE_LIMIT_CONNECT_TOKEN: wrong })).toThrow(
        `RATE_LIMIT_CONNECT_TOKEN must look like 30/10m (30 per 10 minutes) or off, not ${wrong}.`,
      )
    }
  })

  it('creates its table at start-up and keeps each token encrypted in it', async () => {
    const tokenKey = randomBytes(32).toString('base64')
    const stores = await createStores({ databaseUrl: server.url, tokenKey })
    const again = await createStores({ databaseUrl: server.url, tokenKey })
    const token = `at_${randomBytes(8).toString('hex')}`
    await stores.connectionStore.set('alice', {
      id: 'c1',
      pelmUserId: 'c1',
      accessToken: token,
      connectedAt: new Date().toISOString(),
    })
    expect((await again.connectionStore.get('alice', 'c1'))?.accessToken).toBe(token)
    const { rows } = await raw.query('SELECT access_token FROM pelm_connections')
    expect(rows).toHaveLength(1)
    expect(JSON.stringify(rows)).not.toContain(token)
    expect((await stores.rateLimiter.hit('u', { limit: 1, windowMs: 60_000 })).allowed).toBe(true)
    await Promise.all([stores.close(), again.close()])
  })

  it('keeps running when PostgreSQL restarts, and its stores work again after', async () => {
    // An idle pg client whose server goes away makes the pool emit 'error': with no listener,
    // Node throws it and the example's whole server exits.
    const stores = await createStores({
      databaseUrl: server.url,
      tokenKey: randomBytes(32).toString('base64'),
    })
    try {
      const connection = {
        id: 'restart',
        pelmUserId: 'restart',
        accessToken: 'at_restart',
        connectedAt: new Date().toISOString(),
      }
      await stores.connectionStore.set('bob', connection)
      await server.restart()
      // the idle client's end arrives as an event after the restart: give it a moment
      await new Promise((resolve) => setTimeout(resolve, 200))
      expect(await stores.connectionStore.get('bob', 'restart')).toEqual(connection)
    } finally {
      await stores.close()
    }
  }, 30_000)

  it('counts events as Prometheus text, every type from 0, no user id in a label', () => {
    const metrics = eventMetrics()
    const at = new Date().toISOString()
    metrics.record({
      type: 'exchange.failed',
      userId: 'a@example.com',
      code: 'state_used',
      status: 409,
      at,
    })
    metrics.record({
      type: 'exchange.failed',
      userId: 'b@example.com',
      code: 'state_used',
      status: 409,
      at,
    })
    metrics.record({
      type: 'rate_limited',
      userId: 'a@example.com',
      route: 'exchange',
      retryAfterMs: 1,
      at,
    })
    metrics.record({ type: 'exchange.failed', code: 'odd"code\\\n', status: 400, at })
    const text = metrics.render()
    expect(text).toMatch(/^# HELP pelm_events_total .+\n# TYPE pelm_events_total counter\n/)
    expect(text).toContain('pelm_events_total{type="connection.deleted"} 0\n')
    expect(text).toContain('pelm_events_total{type="exchange.failed",code="state_used"} 2\n')
    expect(text).toContain('pelm_events_total{type="rate_limited",route="exchange"} 1\n')
    expect(text).toContain('pelm_events_total{type="exchange.failed",code="odd\\"code\\\\\\n"} 1\n')
    expect(text).not.toContain('example.com')
    expect(text.endsWith('\n')).toBe(true)
  })
})
