import { randomBytes } from 'node:crypto'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { createDemoApp } from '../../apps/demo/server/app'
import { pge } from '../harness/app'
import { browser, PUBLIC_URL } from '../harness/demo-browser'
import { findSecrets, type Needle, secretNeedles } from '../harness/secrets'
import { record } from '../harness/tally'

// The end-to-end flow of the demo, in process: sign in, start Connect, walk the sandbox's hosted
// pages, come back with the code, exchange it, read the connection and the accounts, disconnect.
// Every answer the demo server gives on the way (headers and bodies) is scanned for the Pelm
// secret, the cookie secret, the token encryption key, the session secret and the access token.

const dirs: string[] = []
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true })
})

describe('the demo’s end-to-end flow', () => {
  it('never answers a secret or an access token, from sign-in to disconnect', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'pelm-demo-flow-'))
    dirs.push(dataDir)
    const secrets = {
      cookieSecret: randomBytes(32).toString('base64'),
      tokenKey: randomBytes(32).toString('base64'),
      sessionSecret: randomBytes(32).toString('base64'),
    }
    const demo = createDemoApp({
      port: 3000,
      host: '127.0.0.1',
      publicUrl: PUBLIC_URL,
      dataDir,
      cookieSecret: secrets.cookieSecret,
      tokenEncryptionKey: secrets.tokenKey,
      sessionSecret: secrets.sessionSecret,
      pelm: { mode: 'sandbox', dataDelayMs: 0 },
    })
    const sandbox = demo.sandbox
    if (!sandbox) throw new Error('the demo runs on the sandbox without Pelm credentials')
    const b = browser(demo)

    await b.go('config', '/api/config')
    await b.go('session (signed out)', '/api/session')
    expect((await b.go('sign in', '/api/session', { json: { name: 'Ada' } })).status).toBe(200)
    await b.go('connection (none)', '/api/pelm/connection')
    const started = await b.go('connect-token', '/api/pelm/connect-token', { json: {} })
    const { connectUrl } = (await started.json()) as { connectUrl: string }

    // The sandbox's hosted Connect pages, as the browser walks them.
    const entry = await (await b.go('Connect: terms', connectUrl)).text()
    const flow = entry.match(/action="([^"]*\/flow\/[^/"]+)\/terms"/)?.[1] ?? ''
    await b.go('Connect: accept terms', `${flow}/terms`, { form: {} })
    await b.go('Connect: choose utility', `${flow}/utility`, { form: { utility: 'pge' } })
    const handBack = await b.go('Connect: credentials', `${flow}/credentials`, {
      form: { username: 'user@pelm.com', password: 'password' },
    })
    const callback = new URL(handBack.headers.get('location') ?? '', PUBLIC_URL)
    expect(`${callback.origin}${callback.pathname}`).toBe(demo.redirectUri)

    const exchanged = await b.go('exchange', '/api/pelm/exchange', {
      json: { code: callback.searchParams.get('code'), state: callback.searchParams.get('state') },
    })
    expect(exchanged.status).toBe(200)
    await b.go('exchange replayed (reload)', '/api/pelm/exchange', {
      json: { code: callback.searchParams.get('code'), state: callback.searchParams.get('state') },
    })
    const connection = await b.go('connection', '/api/pelm/connection')
    expect(await connection.json()).toMatchObject({ connected: true })
    const accounts = await b.go('accounts', '/api/accounts')
    const body = (await accounts.json()) as { accounts?: unknown[] }
    expect(body.accounts?.length).toBeGreaterThan(0)
    await b.go('disconnect', '/api/pelm/connection', { method: 'DELETE' })
    await b.go('accounts (disconnected)', '/api/accounts')
    await b.go('sign out', '/api/session', { method: 'DELETE' })
    await b.go('unknown API route', '/api/nothing')

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
      findSecrets(answer.text, needles).map((label) => `${answer.step}: ${label}`),
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
    const dataDir = mkdtempSync(join(tmpdir(), 'pelm-demo-flow-'))
    dirs.push(dataDir)
    const demo = createDemoApp({
      port: 3000,
      host: '127.0.0.1',
      publicUrl: PUBLIC_URL,
      dataDir,
      pelm: { mode: 'sandbox', dataDelayMs: 0 },
    })
    const sandbox = demo.sandbox
    if (!sandbox) throw new Error('the demo runs on the sandbox without Pelm credentials')
    const b = browser(demo)
    await b.go('sign in', '/api/session', { json: { name: 'Ada' } })
    const started = await b.go('connect-token', '/api/pelm/connect-token', { json: {} })
    const state = new URL(
      ((await started.json()) as { connectUrl: string }).connectUrl,
    ).searchParams.get('state')
    const { code } = sandbox.mock.store.issueCode('demo:ada', pge)
    expect((await b.go('exchange', '/api/pelm/exchange', { json: { code, state } })).status).toBe(
      200,
    )
    let injected = 0
    const take = sandbox.mock.faults.take.bind(sandbox.mock.faults)
    sandbox.mock.faults.take = (method, path) => {
      const rule = take(method, path)
      if (rule) injected += 1
      return rule
    }
    // The sandbox sees `/accounts` or `/sandbox/accounts`, depending on how the demo mounts it.
    for (const route of ['GET /accounts', 'GET /sandbox/accounts']) {
      sandbox.mock.faults.add({ route, status: 500, errorCode: 'data_unavailable', times: 1 })
    }
    const loading = await b.go('accounts while loading', '/api/accounts')
    const error = ((await loading.json()) as { error?: { code?: string } }).error
    const again = await b.go('accounts once loaded', '/api/accounts')
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
