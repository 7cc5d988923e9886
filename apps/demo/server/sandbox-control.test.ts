import { describe, expect, it } from 'vitest'
import { browser, connect, PUBLIC_URL, testDemo } from './test-support'

const passwordChanged = (id: string) => `/api/sandbox/connections/${id}/password-changed`

describe('POST /api/sandbox/connections/:id/password-changed', () => {
  it('makes that connection need a reconnect, and only that one', async () => {
    const demo = await testDemo()
    const client = browser(demo)
    const pge = await connect(demo, client, { utility: 'pge' })
    const sce = await connect(demo, client, { utility: 'sce' })
    const response = await client.request(passwordChanged(pge.id), { method: 'POST' })
    expect(response.status).toBe(204)
    const { connections } = await (await client.request('/api/pelm/connections')).json()
    expect(connections.map((c: { id: string; status: string }) => [c.id, c.status])).toEqual([
      [pge.id, 'reconnect_required'],
      [sce.id, 'active'],
    ])
  })

  it('answers 404 for another user’s connection and changes nothing', async () => {
    const demo = await testDemo()
    const ada = browser(demo)
    const adas = await connect(demo, ada, { name: 'Ada' })
    const grace = browser(demo)
    await grace.request('/api/session', { json: { name: 'Grace' } })
    const response = await grace.request(passwordChanged(adas.id), { method: 'POST' })
    expect(response.status).toBe(404)
    expect(await response.json()).toMatchObject({ error: { code: 'connection_not_found' } })
    expect(demo.sandbox?.mock.store.users.get(adas.id)?.credentialsValid).toBe(true)
  })

  it('answers 401 signed out and 403 from another origin', async () => {
    const demo = await testDemo()
    const client = browser(demo)
    expect((await client.request(passwordChanged('x'), { method: 'POST' })).status).toBe(401)
    const connection = await connect(demo, client)
    const cookie = [...client.cookies].map(([name, value]) => `${name}=${value}`).join('; ')
    const forged = await demo.app.request(`${PUBLIC_URL}${passwordChanged(connection.id)}`, {
      method: 'POST',
      headers: { cookie, origin: 'https://evil.example', 'sec-fetch-site': 'cross-site' },
    })
    expect(forged.status).toBe(403)
    expect(demo.sandbox?.mock.store.users.get(connection.id)?.credentialsValid).toBe(true)
  })
})
