import { createPelmMock } from '@acme/pelm-mock'
import { describe, expect, it } from 'vitest'
import { ConnectionStoreError, memoryConnectionStore } from '../src'
import type { ExchangeResponse } from '../src/hono/wire'
import { codeFor, errorOf, harness } from './harness'

// Issue 13 (exchange: Get user, same-login renewal, hooks): 0.1 kept one token per user.
describe('POST /exchange: what it stores', () => {
  it('never fails on a failed Get user: the connection is stored with status unknown', async () => {
    const h = harness()
    const started = await h.start('alice', { utilitySlug: 'pge' })
    h.mock.faults.add({ route: `GET /users/${started.pelmUserId}`, status: 503 })
    const code = codeFor(h.mock, started.connectUrl)
    const response = await h.exchange('alice', { code, state: started.state }, started.cookie)
    expect(response.status).toBe(200)
    const { connection } = (await response.json()) as ExchangeResponse
    expect(connection).toMatchObject({ status: 'unknown', utility: { slug: 'pge' } })
    expect(h.events).toContainEqual(
      expect.objectContaining({ level: 'warn', event: 'user.lookup_failed', userId: 'alice' }),
    )
    const [record] = await h.connectionStore.list('alice')
    expect(record).not.toHaveProperty('checkedAt')
    expect(record).not.toHaveProperty('credentialsValid')
    expect(h.connected).toEqual([{ userId: 'alice', connection, renewed: false }])

    // Never checked: the next list asks Pelm, however young statusMaxAge says the record is.
    h.mock.faults.clear()
    expect(await h.list('alice')).toMatchObject([{ id: connection.id, status: 'active' }])
    expect(h.upstreamCalls('GET', '/users/')).toBe(4) // three tries at the exchange, one now
    expect((await h.connectionStore.list('alice'))[0]).toMatchObject({
      utility: { slug: 'pge', name: 'Pacific Gas and Electric' },
      credentialsValid: true,
    })
  })

  it('connects without the login Get user names when it is no text a store can keep (a NUL)', async () => {
    const h = harness()
    const started = await h.start('alice', { utilitySlug: 'pge' })
    const body = JSON.stringify({
      id: started.pelmUserId,
      utility: { id: 'pge', full_name: 'Pacific Gas and Electric' },
      utility_username: 'ada\u0000@example.com',
      credentials_valid: true,
    })
    h.mock.faults.add({ route: `GET /users/${started.pelmUserId}`, status: 200, body })
    const code = codeFor(h.mock, started.connectUrl)
    const response = await h.exchange('alice', { code, state: started.state }, started.cookie)
    expect(response.status).toBe(200)
    const { connection } = (await response.json()) as ExchangeResponse
    expect(connection.status).toBe('unknown')
    expect(await h.connectionStore.get('alice', connection.id)).not.toHaveProperty(
      'utilityUsername',
    )
  })

  it('stores a new connection when one stored record of the user cannot be read back', async () => {
    // A torn or undecryptable record makes list() throw; the same-login check runs after Pelm
    // spent the code, so failing there would orphan the new token at Pelm.
    const store = memoryConnectionStore()
    const h = harness({
      connectionStore: {
        ...store,
        list: async (userId) => {
          if (userId === 'alice') throw new ConnectionStoreError('invalid_record', 'torn record')
          return store.list(userId)
        },
      },
    })
    const started = await h.start('alice')
    const code = codeFor(h.mock, started.connectUrl)
    const response = await h.exchange('alice', { code, state: started.state }, started.cookie)
    expect(response.status).toBe(200)
    const { connection } = (await response.json()) as ExchangeResponse
    expect(await store.get('alice', connection.id)).toMatchObject({ id: connection.id })
    expect(h.events).toContainEqual(
      expect.objectContaining({ level: 'error', event: 'connection.same_login_failed' }),
    )
  })

  it('renews a reconnect: same id, Pelm user and connectedAt, a new token', async () => {
    const h = harness()
    const first = await h.connectWithCode('alice')
    const [before] = await h.connectionStore.list('alice')
    h.mock.invalidateCredentials(before?.pelmUserId ?? '')
    const again = await h.connectWithCode('alice', { body: { connectionId: first.id } })
    expect(again).toEqual({ ...first, status: 'active' })
    const [after, ...others] = await h.connectionStore.list('alice')
    expect(others).toEqual([])
    expect(after).toMatchObject({
      id: first.id,
      pelmUserId: before?.pelmUserId,
      connectedAt: before?.connectedAt,
      credentialsValid: true,
    })
    expect(after?.accessToken).not.toBe(before?.accessToken)
    expect(h.connected.map((event) => event.renewed)).toEqual([false, true])
    expect(h.upstreamCalls('DELETE', '/users/')).toBe(0)
  })

  it('renews the same login without deleting anything when pelmUserId maps both to one Pelm user', async () => {
    const h = harness({ pelmUserId: (appUserId) => `pelm-${appUserId}` })
    const first = await h.connectWithCode('alice')
    const again = await h.connectWithCode('alice')
    expect(again.id).toBe(first.id)
    expect(await h.connectionStore.list('alice')).toHaveLength(1)
    expect(h.upstreamCalls('DELETE', '/users/')).toBe(0)
    expect(h.mock.store.users.has('pelm-alice')).toBe(true)
    expect(h.connected.map((event) => event.renewed)).toEqual([false, true])
  })

  it('keeps two connections of two logins of one utility apart', async () => {
    const h = harness()
    const first = await h.connectWithCode('alice', { username: 'home@example.com' })
    const second = await h.connectWithCode('alice', { username: 'office@example.com' })
    expect(second.id).not.toBe(first.id)
    expect(await h.connectionStore.list('alice')).toHaveLength(2)
  })

  it('still succeeds when deleting the extra Pelm user of a renewed login fails', async () => {
    const h = harness()
    await h.connectWithCode('alice')
    const [old] = await h.connectionStore.list('alice')
    h.mock.faults.add({ route: `DELETE /users/${old?.pelmUserId}`, status: 500 })
    const renewed = await h.connectWithCode('alice')
    expect(renewed.id).toBe(old?.id)
    expect(h.events).toContainEqual(
      expect.objectContaining({
        level: 'warn',
        event: 'user.delete_failed',
        connectionId: old?.id,
      }),
    )
    expect(JSON.stringify(h.events)).not.toContain(old?.accessToken)
  })

  it('answers 404 connection_not_found to a reconnect whose connection was deleted meanwhile', async () => {
    const h = harness()
    const connection = await h.connectWithCode('alice')
    const started = await h.start('alice', { connectionId: connection.id })
    const code = codeFor(h.mock, started.connectUrl)
    const deleted = await h.request('DELETE', `/connections/${connection.id}`, { user: 'alice' })
    expect(deleted.status).toBe(204)
    const tokenCalls = h.upstreamCalls('POST', '/auth/token')
    const response = await h.exchange('alice', { code, state: started.state }, started.cookie)
    expect(response.status).toBe(404)
    expect(await errorOf(response)).toMatchObject({ code: 'connection_not_found' })
    expect(h.upstreamCalls('POST', '/auth/token')).toBe(tokenCalls)
    expect(await h.connectionStore.list('alice')).toEqual([])
  })
})

describe('a reconnect disconnected in another tab while Pelm answers its exchange', () => {
  /** A harness whose Pelm answers `POST /auth/token` only after the connection was deleted. */
  async function racing(getUser: 'answers' | 'unavailable') {
    const mock = createPelmMock()
    let h: ReturnType<typeof harness> | undefined
    let connectionId = ''
    let armed = false
    const fetch: typeof globalThis.fetch = async (input, init) => {
      const request = new Request(input, init)
      const response = await mock.fetch(request)
      // Pelm has issued the token; the other tab's Disconnect lands before the answer does.
      if (armed && h && new URL(request.url).pathname === '/auth/token') {
        armed = false
        const deleted = await h.request('DELETE', `/connections/${connectionId}`, { user: 'alice' })
        expect(deleted.status).toBe(204)
      }
      return response
    }
    h = harness({ fetch }, mock)
    const connection = await h.connectWithCode('alice')
    const [record] = await h.connectionStore.list('alice')
    connectionId = connection.id
    armed = true
    const started = await h.start('alice', { connectionId })
    const code = codeFor(h.mock, started.connectUrl)
    if (getUser === 'unavailable') {
      h.mock.faults.add({ route: `GET /users/${record?.pelmUserId}`, status: 503 })
    }
    const response = await h.exchange('alice', { code, state: started.state }, started.cookie)
    return { h, response }
  }

  it('answers 404 connection_not_found and stores nothing (Pelm has no User any more)', async () => {
    const { h, response } = await racing('answers')
    expect(response.status).toBe(404)
    expect(await errorOf(response)).toMatchObject({ code: 'connection_not_found' })
    expect(await h.connectionStore.list('alice')).toEqual([])
    expect(h.connected).toHaveLength(1) // the first connect only
    // Not a code from another flow: no security alarm.
    expect(h.events.map((event) => event.event)).not.toContain('exchange.code_of_another_flow')
  })

  it('does not bring the connection back when Get user is unavailable', async () => {
    const { h, response } = await racing('unavailable')
    expect(response.status).toBe(404)
    expect(await errorOf(response)).toMatchObject({ code: 'connection_not_found' })
    expect(await h.connectionStore.list('alice')).toEqual([])
    expect(h.connected).toHaveLength(1)
  })
})

describe('a leaked code redeemed with another flow’s state (code injection)', () => {
  it('is refused: Pelm refuses the token for this flow’s Pelm user, nothing is stored', async () => {
    const h = harness()
    const alice = await h.start('alice')
    const mallory = await h.start('mallory')
    // Alice finished Connect; her code leaked (a log, a Referer) before she could use it.
    const aliceCode = codeFor(h.mock, alice.connectUrl)
    const injected = await h.exchange(
      'mallory',
      { code: aliceCode, state: mallory.state },
      mallory.cookie,
    )
    expect(injected.status).toBe(400)
    expect((await errorOf(injected)).code).toBe('code_invalid')
    expect(await h.connectionStore.list('mallory')).toEqual([])
    expect(h.connected).toEqual([])
    expect(h.events).toContainEqual(
      expect.objectContaining({ level: 'error', event: 'exchange.code_of_another_flow' }),
    )
    expect(JSON.stringify(h.events)).not.toContain(aliceCode)
  })
})

describe('the onConnected and onDisconnected hooks', () => {
  it('tell the user, the connection (never the token) and whether it was renewed', async () => {
    const h = harness()
    const connection = await h.connectWithCode('alice')
    await h.connectWithCode('alice', { body: { connectionId: connection.id } })
    expect(h.connected).toEqual([
      { userId: 'alice', connection, renewed: false },
      { userId: 'alice', connection, renewed: true },
    ])
    await h.request('DELETE', `/connections/${connection.id}`, { user: 'alice' })
    expect(h.disconnected).toEqual([{ userId: 'alice', connectionId: connection.id }])
    expect(JSON.stringify([h.connected, h.disconnected])).not.toMatch(/accessToken|pelmUserId/)
  })

  it('never change the answer when they throw or reject; the failure is logged redacted', async () => {
    const mock = createPelmMock()
    for (const onConnected of [
      () => {
        throw new Error('webhook failed')
      },
      async () => Promise.reject(new Error('webhook failed')),
    ]) {
      const h = harness({ onConnected }, mock)
      const started = await h.start('alice')
      const code = codeFor(mock, started.connectUrl)
      const response = await h.exchange('alice', { code, state: started.state }, started.cookie)
      expect(response.status).toBe(200)
      expect(await response.json()).toMatchObject({
        connected: true,
        connection: { status: 'active' },
      })
      expect(await h.connectionStore.list('alice')).toHaveLength(1)
      expect(h.events).toContainEqual(
        expect.objectContaining({
          level: 'error',
          event: 'on_connected.failed',
          userId: 'alice',
          error: { name: 'Error', message: 'webhook failed' },
        }),
      )
    }
  })
})
