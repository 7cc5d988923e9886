import { type ServedPelmMock, servePelmMock } from '@acme/pelm-mock'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createPelmClient } from '../src/client'
import { memoryConnectionStore } from '../src/connection-stores/memory'
import { errorOf, type Harness, harness } from './harness'

/**
 * Issue 13's acceptance, against the sandbox over HTTP (a real port, the platform's fetch): two
 * utility logins for one app user, reconnect after a password change, disconnect, the same login
 * twice, and a Pelm failure during disconnect.
 */
let sandbox: ServedPelmMock
beforeAll(async () => {
  sandbox = await servePelmMock({ port: 0 })
})
afterAll(() => sandbox.close())

function overHttp(): Harness {
  sandbox.reset()
  return harness({ fetch: globalThis.fetch, connectionStore: memoryConnectionStore() }, sandbox)
}

const pelm = () =>
  createPelmClient({
    clientId: sandbox.credentials.clientId,
    secret: sandbox.credentials.secret,
    apiUrl: sandbox.apiUrl,
  })

describe('connections of one app user, over HTTP', () => {
  it('holds two utility logins as two Pelm users, both listed, each token reading its own data', async () => {
    const app = overHttp()
    const first = await app.connect('alice', { utility: 'pge' })
    const second = await app.connect('alice', { utility: 'sce', username: 'user@pelm.com' })
    expect(first.id).not.toBe(second.id)
    expect(first).toMatchObject({ status: 'active', utility: { name: expect.any(String) } })

    const listed = await app.list('alice')
    expect(listed.map((connection) => connection.id)).toEqual([first.id, second.id])
    expect(listed.every((connection) => connection.status === 'active')).toBe(true)
    expect(JSON.stringify(listed)).not.toMatch(/accessToken|pelmUserId/)

    const records = await app.connectionStore.list('alice')
    expect(new Set(records.map((record) => record.pelmUserId)).size).toBe(2)
    // The default Pelm user id is the connection id: Pelm never sees the app's user id.
    expect(records.map((record) => record.pelmUserId)).toEqual([first.id, second.id])
    expect(sandbox.requests.some((request) => JSON.stringify(request.body).includes('alice'))).toBe(
      false,
    )
    for (const record of records) {
      const accounts = await pelm().getAccounts(record.accessToken)
      expect(accounts.length).toBeGreaterThan(0)
    }
    expect(await app.list('bob')).toEqual([])
  })

  it('shows a changed password as reconnect_required, and a reconnect in update mode clears it', async () => {
    const app = overHttp()
    const kept = await app.connect('alice', { utility: 'pge' })
    const broken = await app.connect('alice', { utility: 'sce' })
    const [record] = (await app.connectionStore.list('alice')).filter((r) => r.id === broken.id)
    expect(record).toBeDefined()
    expect(sandbox.invalidateCredentials(record?.pelmUserId ?? '')).toBe(true)

    // Still fresh: the status is what the last check said; past statusMaxAge it is asked again.
    const stale = harness(
      { fetch: globalThis.fetch, connectionStore: app.connectionStore, statusMaxAge: 1 },
      sandbox,
    )
    await new Promise((resolve) => setTimeout(resolve, 5))
    const statuses = Object.fromEntries((await stale.list('alice')).map((c) => [c.id, c.status]))
    expect(statuses).toEqual({ [kept.id]: 'active', [broken.id]: 'reconnect_required' })

    const started = await stale.start('alice', { connectionId: broken.id })
    const connectTokenCall = sandbox.requests.findLast((r) => r.path === '/auth/connect-token')
    expect(connectTokenCall?.body).toMatchObject({ user_id: record?.pelmUserId })
    const renewed = await stale.connect('alice', { body: { connectionId: broken.id } })
    expect(renewed).toMatchObject({ id: broken.id, status: 'active' })
    expect(started.state).toBeTruthy()

    const after = await stale.connectionStore.list('alice')
    expect(after.map((r) => r.id)).toEqual([kept.id, broken.id])
    // Update mode: the same Pelm user, whose credentials are valid again.
    expect(after[1]?.pelmUserId).toBe(record?.pelmUserId)
    expect(after[1]?.accessToken).not.toBe(record?.accessToken)
    expect((await stale.list('alice')).map((c) => c.status)).toEqual(['active', 'active'])
    expect(stale.connected.at(-1)).toMatchObject({ userId: 'alice', renewed: true })
  })

  it('disconnects one: Pelm deletes the user and refuses its token; the other stays', async () => {
    const app = overHttp()
    const gone = await app.connect('alice', { utility: 'pge' })
    const kept = await app.connect('alice', { utility: 'sce' })
    const [goneRecord, keptRecord] = await app.connectionStore.list('alice')
    const response = await app.request('DELETE', `/connections/${gone.id}`, { user: 'alice' })
    expect(response.status).toBe(204)
    expect(app.upstreamCalls('DELETE', '/users/')).toBe(1)
    expect(app.disconnected).toEqual([{ userId: 'alice', connectionId: gone.id }])

    expect((await app.list('alice')).map((c) => c.id)).toEqual([kept.id])
    await expect(pelm().getAccounts(goneRecord?.accessToken ?? '')).rejects.toMatchObject({
      upstreamCode: 'token_invalid',
    })
    expect((await pelm().getAccounts(keptRecord?.accessToken ?? '')).length).toBeGreaterThan(0)

    const again = await app.request('DELETE', `/connections/${gone.id}`, { user: 'alice' })
    expect(again.status).toBe(404)
    expect((await errorOf(again)).code).toBe('connection_not_found')
  })

  it('renews the connection of a utility login connected again, and deletes the extra Pelm user', async () => {
    const app = overHttp()
    const first = await app.connect('alice', { utility: 'pge', username: 'user@pelm.com' })
    const [before] = await app.connectionStore.list('alice')
    const again = await app.connect('alice', { utility: 'pge', username: 'user@pelm.com' })
    expect(again.id).toBe(first.id)
    const records = await app.connectionStore.list('alice')
    expect(records).toHaveLength(1)
    expect(records[0]?.pelmUserId).not.toBe(before?.pelmUserId)
    expect(app.upstreamCalls('DELETE', '/users/')).toBe(1)
    await expect(
      pelm().getUser(before?.pelmUserId ?? '', before?.accessToken ?? ''),
    ).rejects.toThrow()
    expect(app.connected.map((event) => event.renewed)).toEqual([false, true])
  })

  it('keeps the record when Pelm fails during disconnect; a retry then succeeds', async () => {
    const app = overHttp()
    const connection = await app.connect('alice')
    const [record] = await app.connectionStore.list('alice')
    const route = `DELETE /users/${record?.pelmUserId}`
    sandbox.faults.add({ route, status: 503, times: 3 })
    const failed = await app.request('DELETE', `/connections/${connection.id}`, { user: 'alice' })
    expect(failed.status).toBe(502)
    expect((await errorOf(failed)).code).toBe('upstream_error')
    expect(await app.list('alice')).toHaveLength(1)
    expect(app.disconnected).toEqual([])

    sandbox.faults.clear()
    const retried = await app.request('DELETE', `/connections/${connection.id}`, { user: 'alice' })
    expect(retried.status).toBe(204)
    expect(await app.list('alice')).toEqual([])
  })
})
