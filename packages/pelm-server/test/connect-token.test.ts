import { createPelmMock } from '@acme/pelm-mock'
import { describe, expect, it } from 'vitest'
import { mintConnectionId } from '../src/connection-store'
import { harness } from './harness'

const connectTokenCalls = (h: ReturnType<typeof harness>) =>
  h.mock.requests.filter((request) => request.path === '/auth/connect-token')

// Issue 13 (reconnect, pelmUserId): 0.1 sent the app's user id to Pelm and had no reconnect.
describe('POST /connect-token with a connectionId: reconnect', () => {
  it('reconnects one of the user’s connections in update mode, for the same Pelm user', async () => {
    const h = harness()
    const connection = await h.connectWithCode('alice')
    const [record] = await h.connectionStore.list('alice')
    const started = await h.start('alice', { connectionId: connection.id, utilitySlug: 'pge' })
    expect(connectTokenCalls(h).at(-1)?.body).toEqual({
      user_id: record?.pelmUserId,
      utility_slug: 'pge',
    })
    expect(h.mock.store.isUpdateMode(started.pelmUserId)).toBe(true)
  })

  it('answers the same 404 for another user’s id, an unknown id and a malformed one', async () => {
    const h = harness()
    const alices = await h.connectWithCode('alice')
    const before = connectTokenCalls(h).length
    const answers = []
    for (const connectionId of [alices.id, mintConnectionId(), '../x', 'a b', 'é']) {
      const response = await h.request('POST', '/connect-token', {
        user: 'bob',
        body: { connectionId },
      })
      expect(response.headers.getSetCookie()).toEqual([])
      answers.push(`${response.status} ${await response.text()}`)
    }
    expect(new Set(answers)).toEqual(
      new Set([
        '404 {"error":{"code":"connection_not_found","message":"No such connection for the signed-in user."}}',
      ]),
    )
    expect(connectTokenCalls(h)).toHaveLength(before)
  })
})

describe('the pelmUserId option', () => {
  it('names a new connection’s Pelm user, for the connect token, the record and Get user', async () => {
    const calls: [string, string][] = []
    const h = harness({
      pelmUserId: (appUserId, connectionId) => {
        calls.push([appUserId, connectionId])
        return `tenant-1:${connectionId}`
      },
    })
    const connection = await h.connectWithCode('alice')
    const pelmUserId = `tenant-1:${connection.id}`
    // computed at connect-token and again at the exchange, from the same inputs
    expect(calls).toEqual([
      ['alice', connection.id],
      ['alice', connection.id],
    ])
    expect(connectTokenCalls(h).at(-1)?.body).toEqual({ user_id: pelmUserId })
    expect((await h.connectionStore.get('alice', connection.id))?.pelmUserId).toBe(pelmUserId)
    expect(h.mock.requests.some((r) => r.path === `/users/${encodeURIComponent(pelmUserId)}`)).toBe(
      true,
    )
  })

  it('reuses the record’s Pelm user on a reconnect, whatever the option says now', async () => {
    const mock = createPelmMock()
    const before = harness({ pelmUserId: (_user, id) => `old-${id}` }, mock)
    const connection = await before.connectWithCode('alice')
    const after = harness(
      { pelmUserId: (_user, id) => `new-${id}`, connectionStore: before.connectionStore },
      mock,
    )
    const renewed = await after.connectWithCode('alice', { body: { connectionId: connection.id } })
    expect(renewed.id).toBe(connection.id)
    expect(connectTokenCalls(after).at(-1)?.body).toEqual({ user_id: `old-${connection.id}` })
    expect((await after.connectionStore.get('alice', connection.id))?.pelmUserId).toBe(
      `old-${connection.id}`,
    )
  })

  it('sends Pelm no app user id by default', async () => {
    const h = harness()
    const connection = await h.connectWithCode('alice@example.com')
    await h.connectWithCode('alice@example.com', { body: { connectionId: connection.id } })
    await h.list('alice@example.com')
    await h.request('DELETE', `/connections/${connection.id}`, { user: 'alice@example.com' })
    expect(h.mock.requests.length).toBeGreaterThan(5)
    expect(JSON.stringify(h.mock.requests)).not.toContain('alice')
  })
})
