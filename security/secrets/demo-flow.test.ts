import { randomBytes } from 'node:crypto'
import { completeConnect } from '@acme/pelm-mock/testing'
import type { ExchangeResponse } from '@acme/pelm-server/hono'
import { describe, expect, it } from 'vitest'
import { browser, connect, PUBLIC_URL, testDemo } from '../../apps/demo/server/test-support'
import { findSecrets, type Needle, secretNeedles } from '../harness/secrets'
import { record } from '../harness/tally'

// The end-to-end flow of the demo, in process: sign in, start Connect, walk the sandbox's hosted
// pages, come back with the code, exchange it, list the connections and read the accounts, make a
// second connection, disconnect one. Every answer the demo server gives on the way (headers and
// bodies) is scanned for the Pelm secret, the cookie secret, the token encryption key, the
// session secret and every access token.

describe('the demo’s end-to-end flow', () => {
  it('never answers a secret or an access token, from sign-in to disconnect', async () => {
    const secrets = {
      cookieSecret: randomBytes(32).toString('base64'),
      tokenKey: randomBytes(32).toString('base64'),
      sessionSecret: randomBytes(32).toString('base64'),
    }
    const demo = await testDemo({
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
    await b.request('/api/pelm/connections')
    const started = await b.request('/api/pelm/connect-token', { json: {} })
    const { connectUrl } = (await started.json()) as { connectUrl: string }

    // The sandbox's hosted Connect pages, as the browser walks them (through the demo's mount).
    const callback = await completeConnect(new URL(connectUrl, PUBLIC_URL), {
      fetch: (input, init) =>
        b.request(String(input), {
          method: init?.method,
          form: init?.body instanceof URLSearchParams ? Object.fromEntries(init.body) : undefined,
        }),
    })
    expect(`${callback.origin}${callback.pathname}`).toBe(demo.redirectUri)

    const body = {
      code: callback.searchParams.get('code'),
      state: callback.searchParams.get('state'),
    }
    const exchanged = await b.request('/api/pelm/exchange', { json: body })
    expect(exchanged.status).toBe(200)
    const { connection } = (await exchanged.json()) as ExchangeResponse
    await b.request('/api/pelm/exchange', { json: body })
    const listed = await b.request('/api/pelm/connections')
    expect(await listed.json()).toMatchObject({ connections: [{ id: connection.id }] })
    const accounts = await b.request('/api/accounts')
    expect(accounts.status).toBe(200)
    const second = await connect(demo, b, { utility: 'sce' })
    // Every token Pelm issued in this flow, read before the disconnects below delete their Users
    // (the demo's sandbox keeps no request log to count the exchanges by).
    const tokens = new Set<string>()
    for (const user of sandbox.mock.store.users.values()) {
      for (const token of user.accessTokens) tokens.add(token)
    }
    expect(tokens.size).toBe(2)
    await b.request(`/api/pelm/connections/${connection.id}`, { method: 'DELETE' })
    await b.request('/api/pelm/connections')
    await b.request('/api/accounts')
    await b.request(`/api/pelm/connections/${second.id}`, { method: 'DELETE' })
    await b.request('/api/session', { method: 'DELETE' })
    await b.request('/api/nothing')

    const stored = await demo.connectionStore.list('demo:ada')
    expect(stored).toEqual([])
    const needles: Needle[] = [
      ...secretNeedles({
        clientId: '',
        clientSecret: sandbox.mock.credentials.secret,
        cookieSecret: secrets.cookieSecret,
        tokenKey: secrets.tokenKey,
      }),
      { label: 'session secret', value: secrets.sessionSecret },
      ...[...tokens].map((value) => ({ label: 'access token', value })),
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
    // The scan would see a leak: a needle in an answer is found.
    expect(findSecrets(`{"t":"${secrets.sessionSecret}"}`, needles)).toEqual(['session secret'])
    await demo.close()
  })

  it('keeps the connection when Pelm is still loading data, and says so', async () => {
    const demo = await testDemo()
    const sandbox = demo.sandbox
    if (!sandbox) throw new Error('the demo runs on the sandbox without Pelm credentials')
    const b = browser(demo)
    const connection = await connect(demo, b)
    // The sandbox matches faults on its own paths, without the demo's `/sandbox` mount.
    sandbox.mock.faults.add({
      route: 'GET /accounts',
      status: 500,
      errorCode: 'data_unavailable',
      times: 1,
    })
    const loading = (await (await b.request('/api/accounts')).json()) as {
      connections: { connectionId: string; error?: { code?: string } }[]
    }
    const again = (await (await b.request('/api/accounts')).json()) as {
      connections: { accounts?: unknown[] }[]
    }
    const injected = sandbox.mock.faults.fired
    const [stored] = await demo.connectionStore.list('demo:ada')
    const lost =
      stored?.id === connection.id &&
      sandbox.mock.store.findByAccessToken(stored.accessToken)?.userId === stored.pelmUserId
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
    expect(loading.connections[0]).toMatchObject({
      connectionId: connection.id,
      error: { code: 'data_loading' },
    })
    expect(again.connections[0]?.accounts?.length).toBeGreaterThan(0)
    expect(lost).toBe(0)
    await demo.close()
  })
})
