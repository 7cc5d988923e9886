import { describe, expect, it } from 'vitest'
import { SESSION_USER_HEADER } from './session-guard'
import { browser, connect, PUBLIC_URL, testDemo } from './test-support'

/** A request with the browser's cookies and the user its page shows (URI-encoded, as the app sends it). */
const asPageOf = (
  client: ReturnType<typeof browser>,
  path: string,
  method: string,
  shownUserId?: string,
) =>
  new Request(new URL(path, PUBLIC_URL), {
    method,
    headers: {
      origin: PUBLIC_URL,
      'sec-fetch-site': 'same-origin',
      cookie: [...client.cookies].map(([name, value]) => `${name}=${value}`).join('; '),
      ...(shownUserId && { [SESSION_USER_HEADER]: encodeURIComponent(shownUserId) }),
    },
  })

// A tab still showing Ada after Bo signed in in another tab: its Disconnect reached the server as
// Bo, answered 404 connection_not_found (not Bo's), and the page reported Ada's connection as
// disconnected while it stayed connected.
describe('a page that shows another user than the session’s', () => {
  it('is refused with 409 session_changed, and nothing is changed', async () => {
    const demo = await testDemo()
    const client = browser(demo)
    const ada = await connect(demo, client, { name: 'Ada' })
    await client.request('/api/session', { method: 'DELETE' })
    await client.request('/api/session', { json: { name: 'Bo' } })

    for (const [path, method] of [
      [`/api/pelm/connections/${ada.id}`, 'DELETE'],
      [`/api/sandbox/connections/${ada.id}/password-changed`, 'POST'],
      ['/api/pelm/connections', 'GET'],
      ['/api/accounts', 'GET'],
    ]) {
      const answer = await demo.app.request(
        asPageOf(client, path as string, method as string, 'demo:ada'),
      )
      expect(answer.status, `${method} ${path}`).toBe(409)
      expect(await answer.json()).toMatchObject({ error: { code: 'session_changed' } })
    }
    expect((await demo.connectionStore.list('demo:ada')).map((record) => record.id)).toEqual([
      ada.id,
    ])
  })

  it('leaves the page of the signed-in user, a page that names nobody and the session routes alone', async () => {
    const demo = await testDemo()
    const client = browser(demo)
    await client.request('/api/session', { json: { name: 'Bo' } })
    const own = await demo.app.request(asPageOf(client, '/api/pelm/connections', 'GET', 'demo:bo'))
    expect(own.status).toBe(200)
    const none = await demo.app.request(asPageOf(client, '/api/pelm/connections', 'GET'))
    expect(none.status).toBe(200)
    const session = await demo.app.request(asPageOf(client, '/api/session', 'GET', 'demo:ada'))
    expect(session.status).toBe(200)
    // signed out meanwhile: the route's own 401, which sends the page to sign-in
    await client.request('/api/session', { method: 'DELETE' })
    const out = await demo.app.request(asPageOf(client, '/api/pelm/connections', 'GET', 'demo:bo'))
    expect(out.status).toBe(401)
  })
})
