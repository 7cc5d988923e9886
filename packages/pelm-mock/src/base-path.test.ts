import { Hono } from 'hono'
import { describe, expect, it } from 'vitest'
import { createPelmMock, type PelmMock } from './create-pelm-mock'

const connectToken = (mock: PelmMock, send: (request: Request) => Response | Promise<Response>) =>
  send(
    new Request(`${mock.apiUrl}/auth/connect-token`, {
      method: 'POST',
      headers: {
        'Pelm-Client-Id': mock.credentials.clientId,
        'Pelm-Secret': mock.credentials.secret,
      },
      body: new URLSearchParams({ user_id: 'user-1' }),
    }),
  )

describe('a base URL with a path', () => {
  it('answers its own fetch under that path, and logs and matches faults without it', async () => {
    const mock = createPelmMock({ baseUrl: 'http://localhost:3000/sandbox/' })
    expect(mock.apiUrl).toBe('http://localhost:3000/sandbox')
    expect(mock.connectUrl).toBe('http://localhost:3000/sandbox/connect')

    mock.faults.add({ route: 'POST /auth/connect-token', status: 503, times: 1 })
    expect((await connectToken(mock, (r) => mock.fetch(r))).status).toBe(503)
    expect((await connectToken(mock, (r) => mock.fetch(r))).status).toBe(200)
    expect(mock.requests.map((request) => request.path)).toEqual([
      '/auth/connect-token',
      '/auth/connect-token',
    ])
  })

  it('behaves the same when the app is mounted at that path in a host app', async () => {
    const mock = createPelmMock({ baseUrl: 'http://localhost:3000/sandbox' })
    const host = new Hono().route('/sandbox', mock.app)
    mock.faults.add({ route: '/auth/connect-token', status: 502, times: 1 })

    expect((await connectToken(mock, (r) => host.fetch(r))).status).toBe(502)
    expect((await connectToken(mock, (r) => host.fetch(r))).status).toBe(200)
    expect(mock.requests.at(-1)?.path).toBe('/auth/connect-token')
  })

  it('serves the hosted Connect pages under that path', async () => {
    const mock = createPelmMock({ baseUrl: 'http://localhost:3000/sandbox' })
    const { token } = mock.store.createConnectToken('user-1')
    const query = new URLSearchParams({ connect_token: token, redirect_uri: 'http://app.test/cb' })
    const page = await mock.fetch(`${mock.connectUrl}/?${query}`)
    expect(page.status).toBe(200)
    // a Connect popup must stay connected to the window that opened it
    expect(page.headers.get('cross-origin-opener-policy')).toBeNull()
  })
})
