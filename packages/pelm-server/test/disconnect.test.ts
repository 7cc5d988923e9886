import { createPelmMock, type FaultRule } from '@acme/pelm-mock'
import { describe, expect, it } from 'vitest'
import { mintConnectionId } from '../src/connection-store'
import type { PelmRoutesOptions } from '../src/hono/options'
import { type Env, errorOf, harness } from './harness'

/** Alice's one connection, and a way to DELETE it (or any id) as `user`. */
async function connected(overrides: Partial<PelmRoutesOptions<Env>> = {}) {
  const h = harness(overrides, createPelmMock())
  const connection = await h.connectWithCode('alice')
  const [record] = await h.connectionStore.list('alice')
  if (!record) throw new Error('no connection stored')
  const disconnect = (id = connection.id, user = 'alice') =>
    h.request('DELETE', `/connections/${id}`, { user })
  const deleteCalls = () => h.upstreamCalls('DELETE', '/users/')
  return { h, connection, record, disconnect, deleteCalls }
}

// Issue 13 (DELETE /connections/:id): 0.1's DELETE /connection forgot the token locally and
// left the User at Pelm.
describe('DELETE /connections/:id', () => {
  it('deletes the User at Pelm, then forgets the connection, and tells onDisconnected', async () => {
    const { h, connection, record, disconnect } = await connected()
    const response = await disconnect()
    expect(response.status).toBe(204)
    expect(response.headers.get('cache-control')).toBe('no-store')
    expect(h.mock.requests.at(-1)).toMatchObject({
      method: 'DELETE',
      path: `/users/${record.pelmUserId}`,
      headers: { authorization: `Bearer ${record.accessToken}` },
    })
    expect(h.mock.store.users.has(record.pelmUserId)).toBe(false)
    expect(await h.connectionStore.list('alice')).toEqual([])
    expect(h.disconnected).toEqual([{ userId: 'alice', connectionId: connection.id }])
    expect(h.events).toContainEqual(
      expect.objectContaining({ event: 'connection.deleted', connectionId: connection.id }),
    )
  })

  it('deletes once when the same connection is deleted twice at once (double click, two tabs)', async () => {
    const { h, connection, disconnect, deleteCalls } = await connected()
    h.mock.faults.add({ route: '*', latencyMs: 20 })
    const answers = await Promise.all([disconnect(), disconnect()])
    expect(answers.map((answer) => answer.status)).toEqual([204, 204])
    expect(deleteCalls()).toBe(1)
    expect(h.disconnected).toEqual([{ userId: 'alice', connectionId: connection.id }])
    const deleted = h.events.filter((event) => event.event === 'connection.deleted')
    expect(deleted).toHaveLength(1)
  })

  it('shares a deletion only with the same user', async () => {
    const { h, connection, disconnect, deleteCalls } = await connected()
    h.mock.faults.add({ route: '*', latencyMs: 20 })
    const [mine, theirs] = await Promise.all([disconnect(), disconnect(connection.id, 'mallory')])
    expect(mine.status).toBe(204)
    expect(theirs.status).toBe(404)
    expect(deleteCalls()).toBe(1)
  })

  it('counts a User Pelm no longer has (404) as deleted', async () => {
    const { h, record, disconnect } = await connected()
    h.mock.store.deleteUser(record.pelmUserId) // e.g. deleted from Pelm's dashboard
    expect((await disconnect()).status).toBe(204)
    expect(await h.connectionStore.list('alice')).toEqual([])
    expect(h.disconnected).toHaveLength(1)
  })

  it('counts a token Pelm refuses (401 token_invalid) as deleted', async () => {
    const { h, record, disconnect } = await connected()
    const route = `DELETE /users/${record.pelmUserId}`
    h.mock.faults.add({ route, status: 401, errorCode: 'token_invalid' })
    expect((await disconnect()).status).toBe(204)
    expect(await h.connectionStore.list('alice')).toEqual([])
  })

  it.each<[string, Omit<FaultRule, 'route'>, number, string, number]>([
    ['a 500', { status: 500 }, 502, 'upstream_error', 1],
    ['a persistent 503 (retried)', { status: 503 }, 502, 'upstream_error', 3],
    [
      'a refusal (403 permission_denied)',
      { status: 403, errorCode: 'permission_denied' },
      502,
      'upstream_error',
      1,
    ],
    ['a timeout', { latencyMs: 1000 }, 504, 'upstream_timeout', 1],
  ])(
    'keeps the connection on %s from Pelm (%o): %i %s, and a retry then succeeds',
    async (_, fault, status, code, calls) => {
      const { h, record, disconnect, deleteCalls } = await connected({ timeoutMs: 300 })
      const remove = h.mock.faults.add({ route: `DELETE /users/${record.pelmUserId}`, ...fault })
      const failed = await disconnect()
      expect(failed.status).toBe(status)
      expect(await errorOf(failed)).toMatchObject({ code })
      expect(deleteCalls()).toBe(calls)
      expect(await h.connectionStore.list('alice')).toEqual([record])
      expect(h.disconnected).toEqual([])

      remove()
      expect((await disconnect()).status).toBe(204)
      expect(await h.connectionStore.list('alice')).toEqual([])
    },
  )

  it('answers the same 404 for another user’s id, an unknown id and a malformed one', async () => {
    const { h, connection, disconnect, deleteCalls } = await connected()
    const answers = await Promise.all(
      [
        disconnect(connection.id, 'bob'),
        disconnect(mintConnectionId()),
        disconnect('..%2Fetc'),
        disconnect('x'.repeat(65)),
        disconnect('%00'),
      ].map(async (pending) => {
        const response = await pending
        return [response.status, await response.text()]
      }),
    )
    expect(new Set(answers.map((answer) => JSON.stringify(answer))).size).toBe(1)
    expect(answers[0]?.[0]).toBe(404)
    expect(JSON.parse(String(answers[0]?.[1]))).toEqual({
      error: {
        code: 'connection_not_found',
        message: 'No such connection for the signed-in user.',
      },
    })
    expect(deleteCalls()).toBe(0)
    expect(await h.connectionStore.list('alice')).toHaveLength(1)
  })

  it('answers 204 when onDisconnected throws or rejects, and logs it', async () => {
    for (const onDisconnected of [
      () => {
        throw new Error('audit log down')
      },
      async () => Promise.reject(new Error('audit log down')),
    ]) {
      const { h, disconnect } = await connected({ onDisconnected })
      expect((await disconnect()).status).toBe(204)
      expect(await h.connectionStore.list('alice')).toEqual([])
      expect(h.events).toContainEqual(
        expect.objectContaining({ level: 'error', event: 'on_disconnected.failed' }),
      )
    }
  })
})
