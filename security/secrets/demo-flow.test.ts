import { randomBytes } from 'node:crypto'
import { describe, expect, it } from 'vitest'
import { browser, connect, PUBLIC_URL, testDemo } from '../../apps/demo/server/test-support'
import { findSecrets, type Needle, secretNeedles } from '../harness/secrets'
import { record } from '../harness/tally'

// The end-to-end flow of the demo, in process: sign in, start Connect, walk the sandbox's hosted
// pages, come back with the code, exchange it, read the connection and the accounts, disconnect.
// Every answer the demo server gives on the way (headers and bodies) is scanned for the Pelm
// secret, the cookie secret, the token encryption key, the session secret and the access token.

describe('the demo’s end-to-end flow', () => {
  it('never answers a secret or an access token, from sign-in to disconnect', async () => {
    const secrets = {
      cookieSecret: randomBytes(32).toString('base64'),
      tokenKey: randomBytes(32).toString('base64'),
      sessionSecret: randomBytes(32).toString('base64'),
    }
    const demo = testDemo({
      cookieSecret: secrets.cookieSecret,
      tokenEncryptionKey: secrets.tokenKey,
      sessionSecret: secrets.sessionSecret,
    })
    const sandbox = demo.sandbox
    if (!sandbox) throw new Error('the demo runs on the sandbox without Pelm credentials')
    const b = browser(demo)

    await b.request('/api/config')
    await b.request('/api/session')
    expect((await b.request('/api/session', { json: { name: 'Ada' } })).status).toBe(200)
    await b.request('/api/pelm/connection')
    const started = await b.request('/api/pelm/connect-token', { json: {} })
    const { connectUrl } = (await started.json()) as { connectUrl: string }

    // The sandbox's hosted Connect pages, as the browser walks them.
    const entry = await (await b.request(connectUrl)).text()
    const flow = entry.match(/action="([^"]*\/flow\/[^/"]+)\/terms"/)?.[1] ?? ''
    await b.request(`${flow}/terms`, { form: {} })
    await b.request(`${flow}/utility`, { form: { utility: 'pge' } })
    const handBack = await b.request(`${flow}/credentials`, {
      form: { username: 'user@pelm.com', password: 'password' },
    })
    const callback = new URL(handBack.headers.get('location') ?? '', PUBLIC_URL)
    expect(`${callback.origin}${callback.pathname}`).toBe(demo.redirectUri)

    const exchanged = await b.request('/api/pelm/exchange', {
      json: { code: callback.searchParams.get('code'), state: callback.searchParams.get('state') },
    })
    expect(exchanged.status).toBe(200)
    await b.request('/api/pelm/exchange', {
      json: { code: callback.searchParams.get('code'), state: callback.searchParams.get('state') },
    })
    const connection = await b.request('/api/pelm/connection')
    expect(await connection.json()).toMatchObject({ connected: true })
    const accounts = await b.request('/api/accounts')
    const body = (await accounts.json()) as { accounts?: unknown[] }
    expect(body.accounts?.length).toBeGreaterThan(0)
    await b.request('/api/pelm/connection', { method: 'DELETE' })
    await b.request('/api/accounts')
    await b.request('/api/session', { method: 'DELETE' })
    await b.request('/api/nothing')

    const tokens = [...sandbox.mock.store.pelmUsers.keys()]
    expect(tokens.length).toBe(1)
    const needles: Needle[] = [
      ...secretNeedles({
        clientId: '',
        clientSecret: sandbox.mock.credentials.secret,
        cookieSecret: secrets.cookieSecret,
        tokenKey: secrets.tokenKey,
      }),
      { label: 'session secret', value: secrets.sessionSecret },
      ...tokens.map((value) => ({ label: 'access token', value })),
    ]
    const found = b.answers.flatMap((answer) =>
      findSecrets(answer.text, needles).map((label) => `${answer.method} ${answer.url}: ${label}`),
    )
    record({
      category: 'secrets',
      name: 'every answer of the demo’s end-to-end flow',
      scanned: b.answers.length,
      found: found.length,
    })
    expect(found).toEqual([])
    // The scan would see a leak: the token is really there, on the server side.
    expect(findSecrets(`{"t":"${tokens[0]}"}`, needles)).toEqual(['access token'])
  })

  it('keeps the connection when Pelm is still loading data, and says so', async () => {
    const demo = testDemo()
    const sandbox = demo.sandbox
    if (!sandbox) throw new Error('the demo runs on the sandbox without Pelm credentials')
    const b = browser(demo)
    await connect(demo, b, 'Ada')
    // The sandbox matches faults on its own paths, without the demo's `/sandbox` mount.
    sandbox.mock.faults.add({
      route: 'GET /accounts',
      status: 500,
      errorCode: 'data_unavailable',
      times: 1,
    })
    const loading = await b.request('/api/accounts')
    const error = ((await loading.json()) as { error?: { code?: string } }).error
    const again = await b.request('/api/accounts')
    const injected = sandbox.mock.faults.fired
    const stored = await demo.tokenStore.get('demo:ada')
    const lost =
      stored && sandbox.mock.store.findByAccessToken(stored.accessToken)?.userId === 'demo:ada'
        ? 0
        : 1
    record({
      category: 'fault',
      name: 'demo accounts: data_unavailable',
      injected,
      tokensLost: lost,
      orphaned: 0,
      inconsistent: 0,
    })
    expect(loading.status).toBe(503)
    expect(loading.headers.get('retry-after')).toBeTruthy()
    expect(error?.code).toBe('data_loading')
    expect(again.status).toBe(200)
    expect(lost).toBe(0)
  })
})
