import { createPelmMock } from '@acme/pelm-mock'
import { describe, expect, it } from 'vitest'
import type { ConnectionStore } from '../src/connection-store'
import { memoryConnectionStore } from '../src/connection-stores/memory'
import type { PelmRoutesOptions } from '../src/hono/options'
import { codeFor, type Env, harness } from './harness'
import { isGetUser, slowUpstream } from './slow-upstream'

const MAX_AGE = 60_000

/**
 * An app whose clock the test moves, and `count` connections of alice (distinct logins), each
 * checked once by its exchange. `stale()` moves the clock past `statusMaxAge`.
 */
async function withConnections(
  count: number,
  overrides: Partial<PelmRoutesOptions<Env>> = {},
  mock = createPelmMock(),
) {
  let time = Date.now()
  const h = harness({ now: () => time, statusMaxAge: MAX_AGE, ...overrides }, mock)
  const connections = []
  for (let index = 0; index < count; index++) {
    if (index > 0) time += 1 // one ms apart: listed in this order
    connections.push(await h.connectWithCode('alice', { username: `login${index}@example.com` }))
  }
  const records = await h.connectionStore.list('alice')
  const getUserCalls = () => h.upstreamCalls('GET', '/users/')
  const stale = () => {
    time += MAX_AGE + 1
  }
  return { h, connections, records, getUserCalls, stale, tick: (ms: number) => (time += ms) }
}

/** A sandbox whose Get user answers after `delayMs`, for the tests about concurrency. */
function slowGetUser(delayMs = 100) {
  const mock = createPelmMock()
  return { mock, ...slowUpstream(mock.fetch, isGetUser, delayMs) }
}

// Issue 13 (GET /connections): 0.1 had one GET /connection without any status.
describe('GET /connections: statuses from Pelm’s Get user', () => {
  it('asks Pelm at most once per statusMaxAge per connection', async () => {
    const { h, getUserCalls, stale, tick } = await withConnections(2)
    expect(getUserCalls()).toBe(2) // one per exchange
    expect((await h.list('alice')).map((c) => c.status)).toEqual(['active', 'active'])
    tick(MAX_AGE - 2) // the first connection was checked 1 ms before the second
    await h.list('alice')
    expect(getUserCalls()).toBe(2)
    tick(2)
    expect((await h.list('alice')).map((c) => c.status)).toEqual(['active', 'active'])
    expect(getUserCalls()).toBe(4)
    await h.list('alice')
    expect(getUserCalls()).toBe(4)
    stale()
    await h.list('alice')
    expect(getUserCalls()).toBe(6)
  })

  it('runs at most statusConcurrency checks at once', async () => {
    const { mock, fetch, stats } = slowGetUser()
    const { h, stale } = await withConnections(5, { fetch, statusConcurrency: 2 }, mock)
    stats.maxActive = 0
    stats.calls = 0
    stale()
    expect(await h.list('alice')).toHaveLength(5)
    expect(stats.calls).toBe(5)
    expect(stats.maxActive).toBe(2)
  })

  it('shares one check per connection between concurrent lists', async () => {
    const { mock, fetch, stats } = slowGetUser(150) // long enough for all three to overlap
    const { h, stale } = await withConnections(3, { fetch }, mock)
    stats.calls = 0
    stale()
    const lists = await Promise.all([h.list('alice'), h.list('alice'), h.list('alice')])
    expect(lists.map((list) => list.map((c) => c.status))).toEqual(
      Array(3).fill(['active', 'active', 'active']),
    )
    expect(stats.calls).toBe(3)
  })

  it('answers unknown for a connection whose check failed, and only for it', async () => {
    const { h, records, connections, getUserCalls, stale } = await withConnections(3)
    const failing = records[1]
    h.mock.faults.add({ route: `GET /users/${failing?.pelmUserId}`, status: 500 })
    stale()
    const listed = await h.list('alice')
    expect(listed.map((c) => [c.id, c.status])).toEqual([
      [connections[0]?.id, 'active'],
      [connections[1]?.id, 'unknown'],
      [connections[2]?.id, 'active'],
    ])
    expect(h.events).toContainEqual(
      expect.objectContaining({
        level: 'warn',
        event: 'connection.status_failed',
        connectionId: connections[1]?.id,
      }),
    )
    // Nothing learnt, nothing stored: the next list asks again.
    expect(await h.connectionStore.get('alice', failing?.id ?? '')).toEqual(failing)
    const before = getUserCalls()
    h.mock.faults.clear()
    expect((await h.list('alice')).map((c) => c.status)).toEqual(['active', 'active', 'active'])
    expect(getUserCalls()).toBe(before + 1)
  })

  it('answers every connection unknown, never an error, when Pelm is down', async () => {
    const { h, stale } = await withConnections(2, { timeoutMs: 300 })
    h.mock.faults.add({ route: '*', latencyMs: 1000 })
    stale()
    expect((await h.list('alice')).map((c) => c.status)).toEqual(['unknown', 'unknown'])
  })

  it.each([
    [
      'a refused token (401 token_invalid)',
      { status: 401 as const, errorCode: 'token_invalid' as const },
    ],
    ['a User Pelm no longer has (404)', { status: 404 as const, errorCode: 'not_found' as const }],
  ])('shows %s as reconnect_required, and remembers it', async (_, fault) => {
    const { h, records, stale } = await withConnections(1)
    h.mock.faults.add({ route: `GET /users/${records[0]?.pelmUserId}`, ...fault })
    stale()
    expect((await h.list('alice')).map((c) => c.status)).toEqual(['reconnect_required'])
    const [stored] = await h.connectionStore.list('alice')
    expect(stored).toMatchObject({ credentialsValid: false, checkedAt: expect.any(String) })
  })

  it('shows credentials the utility stopped accepting as reconnect_required', async () => {
    const { h, records, stale } = await withConnections(2)
    h.mock.invalidateCredentials(records[0]?.pelmUserId ?? '')
    stale()
    expect((await h.list('alice')).map((c) => c.status)).toEqual(['reconnect_required', 'active'])
  })

  it('does not write back a connection deleted while its status was checked', async () => {
    const { mock, fetch, stats } = slowGetUser(200)
    const { h, records, stale } = await withConnections(1, { fetch }, mock)
    stale()
    const listing = h.list('alice')
    while (stats.active === 0) await new Promise((resolve) => setTimeout(resolve, 2))
    await h.connectionStore.delete('alice', records[0]?.id ?? '')
    expect(await listing).toHaveLength(1)
    expect(await h.connectionStore.list('alice')).toEqual([])
  })

  it('does not overwrite a connection an exchange renewed while its status was checked', async () => {
    const { mock, fetch, stats } = slowGetUser(200)
    const { h, records, stale } = await withConnections(1, { fetch }, mock)
    const [before] = records
    stale()
    const listing = h.list('alice')
    while (stats.active === 0) await new Promise((resolve) => setTimeout(resolve, 2))
    // A reconnect lands meanwhile: a new token for the connection.
    if (before) await h.connectionStore.set('alice', { ...before, accessToken: 'at_renewed' })
    await listing
    const [after] = await h.connectionStore.list('alice')
    expect(after?.accessToken).toBe('at_renewed')
  })

  it('still answers the status when storing what the check learnt fails', async () => {
    const inner = memoryConnectionStore()
    let failWrites = false
    const connectionStore: ConnectionStore = {
      ...inner,
      set: async (userId, record) => {
        if (failWrites) throw new Error('database read-only')
        return inner.set(userId, record)
      },
    }
    const { h, stale } = await withConnections(1, { connectionStore })
    failWrites = true
    stale()
    expect((await h.list('alice')).map((c) => c.status)).toEqual(['active'])
    expect(h.events).toContainEqual(
      expect.objectContaining({ event: 'connection.status_failed', error: expect.anything() }),
    )
  })

  it('keeps each user’s connections to that user', async () => {
    const { h } = await withConnections(1)
    expect(await h.list('bob')).toEqual([])
    await h.connectWithCode('bob', { username: 'login0@example.com' })
    expect(await h.list('alice')).toHaveLength(1)
    expect(await h.list('bob')).toHaveLength(1)
  })
})

describe('what a status check learns', () => {
  it('shows at once in the answer that ran the check', async () => {
    const mock = createPelmMock()
    const { h, stale } = await withConnections(0, {}, mock)
    const started = await h.start('alice')
    const code = codeFor(mock, started.connectUrl)
    // Get user fails during the exchange: the connection starts without a utility name.
    mock.faults.add({ route: `GET /users/${started.pelmUserId}`, status: 503, times: 3 })
    const exchanged = await h.exchange('alice', { code, state: started.state }, started.cookie)
    const { connection } = (await exchanged.json()) as {
      connection: { status: string; utility?: { name?: string } }
    }
    expect(connection.status).toBe('unknown')
    expect(connection.utility?.name).toBeUndefined()
    stale()
    const [listed] = await h.list('alice')
    expect(listed).toMatchObject({
      status: 'active',
      utility: { name: 'Pacific Gas and Electric' },
    })
  })
})
