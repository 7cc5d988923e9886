import { afterEach, describe, expect, it } from 'vitest'
import { type ServedPelmMock, servePelmMock } from './serve'

let sandbox: ServedPelmMock | undefined

afterEach(async () => {
  await sandbox?.close()
  sandbox = undefined
})

function connectToken(served: ServedPelmMock, userId: string): Promise<Response> {
  return fetch(`${served.apiUrl}/auth/connect-token`, {
    method: 'POST',
    headers: {
      'Pelm-Client-Id': served.credentials.clientId,
      'Pelm-Secret': served.credentials.secret,
    },
    body: new URLSearchParams({ user_id: userId }),
  })
}

describe('servePelmMock', () => {
  it('serves the API over real HTTP on a free port, with URLs that point at it', async () => {
    sandbox = await servePelmMock({ port: 0 })
    expect(sandbox.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/)
    expect(sandbox.apiUrl).toBe(sandbox.url)
    expect(sandbox.connectUrl).toBe(`${sandbox.url}/connect`)

    const response = await connectToken(sandbox, 'user-1')
    expect(response.status).toBe(200)
    expect(await response.json()).toMatchObject({ expires_in: 1800 })
    expect(sandbox.requests.map((request) => request.path)).toEqual(['/auth/connect-token'])
  })

  it('serves the hosted Connect pages as HTML', async () => {
    sandbox = await servePelmMock({ port: 0 })
    const { token } = sandbox.store.createConnectToken('user-1')
    const query = new URLSearchParams({ connect_token: token, redirect_uri: 'http://app.test/cb' })
    const response = await fetch(`${sandbox.connectUrl}/?${query}`)
    expect(response.status).toBe(200)
    expect(response.headers.get('content-type')).toMatch(/text\/html/)
    expect(await response.text()).toContain('<h1')
  })

  it('drops the socket when a drop fault fires, and answers normally afterwards', async () => {
    sandbox = await servePelmMock({ port: 0 })
    sandbox.faults.add({ route: 'POST /auth/connect-token', drop: 'before', times: 1 })
    await expect(connectToken(sandbox, 'user-1')).rejects.toThrow(TypeError)
    expect((await connectToken(sandbox, 'user-1')).status).toBe(200)
  })

  it('takes the sandbox options, such as the credentials', async () => {
    sandbox = await servePelmMock({ port: 0, clientId: 'my-id', secret: 'my-secret' })
    expect(sandbox.credentials).toEqual({ clientId: 'my-id', secret: 'my-secret' })
    expect((await connectToken(sandbox, 'user-1')).status).toBe(200)
  })

  it('rejects when the port is taken, so the CLI can say so', async () => {
    sandbox = await servePelmMock({ port: 0 })
    const port = Number(new URL(sandbox.url).port)
    await expect(servePelmMock({ port })).rejects.toMatchObject({ code: 'EADDRINUSE' })
  })

  it('closes once: a second close() (a test and its afterEach) resolves too', async () => {
    const served = await servePelmMock({ port: 0 })
    await served.close()
    await expect(served.close()).resolves.toBeUndefined()
    await expect(fetch(`${served.url}/accounts`)).rejects.toThrow(TypeError)
  })

  it('leaves nothing listening when an option is refused (the port is free again)', async () => {
    const probe = await servePelmMock({ port: 0 })
    const port = Number(new URL(probe.url).port)
    await probe.close()
    await expect(servePelmMock({ port, secret: ' padded' })).rejects.toThrow(TypeError)
    await expect(servePelmMock({ port, state: { version: 99 } })).rejects.toThrow(/state.version/)
    sandbox = await servePelmMock({ port })
    expect(sandbox.url).toBe(`http://127.0.0.1:${port}`)
  })
})
