// Where pelmRoutes spends its extra time, in a process of its own: both apps with a Pelm that
// answers at once (no sandbox, no socket); each step of the handlers measured alone through the
// public API; and a CPU profile of each route, grouped by what the time is spent in.
import { createHmac, randomBytes } from 'node:crypto'
import { join } from 'node:path'
import { pathToFileURL } from 'node:url'
import { Hono } from 'hono'
import { getCookie, setCookie } from 'hono/cookie'
import { bareApp, oursApp } from '../lib/apps.mjs'
import { newBinding, newConnectionId, signer } from '../lib/flows.mjs'
import { summarize } from '../lib/stats.mjs'
import { importDist, root } from '../lib/workspace.mjs'
import { profileShares } from './profile.mjs'
import { instantUpstream } from './upstream.mjs'

const {
  buildConnectUrl,
  createPelmClient,
  DEFAULT_RATE_LIMITS,
  memoryConnectionStore,
  memoryRateLimiter,
  memoryReplayStore,
} = await importDist('server')
// The hash library pelm-server depends on, as it resolves it.
const noble = (file) =>
  import(pathToFileURL(join(root, 'packages/pelm-server/node_modules/@noble/hashes', file)).href)
const { hmac } = await noble('hmac.js')
const { sha256 } = await noble('sha2.js')

const BATCH = 1500
const BATCHES = 5
const PROFILED_REQUESTS = 4000

const apps = { ours: oursApp(instantUpstream), bare: bareApp(instantUpstream) }
const client = createPelmClient({ ...instantUpstream.credentials, ...instantUpstream })
const encoder = new TextEncoder()
const key = 'bench-cookie-secret-0123456789abcdef0123456789'

/** As over HTTP (where the server's Request has the client's Content-Length). */
async function post(app, path, headers, body) {
  const response = await app.request(`http://127.0.0.1/api/pelm${path}`, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      'content-length': String(Buffer.byteLength(body)),
      ...headers,
    },
    body,
  })
  if (response.status !== 200) throw new Error(`${path}: ${response.status}`)
  await response.text()
}

/** A finished flow: a state for a new connection of a user of its own, and its binding cookie. */
function exchangeInput() {
  const userId = `bench-user-${randomBytes(6).toString('hex')}`
  const binding = newBinding()
  const { state } = signer.issue({
    binding,
    userId,
    connectionId: newConnectionId(),
    reconnect: false,
  })
  const code = `code_${randomBytes(12).toString('hex')}`
  return {
    headers: { cookie: `pelm_binding=${binding}`, 'x-user-id': userId },
    body: JSON.stringify({ code, state }),
  }
}

const stateInput = () => ({
  binding: newBinding(),
  userId: 'bench-user',
  connectionId: newConnectionId(),
  reconnect: false,
})
const message = () => `pelm-state\u0000${newBinding()}\u000010:bench-user\u00002.${newBinding()}`
const keyed = hmac.create(sha256, encoder.encode(key))
const webCryptoKey = await crypto.subtle.importKey(
  'raw',
  encoder.encode(key),
  { name: 'HMAC', hash: 'SHA-256' },
  false,
  ['sign'],
)
const replayStore = memoryReplayStore()
const rateLimiter = memoryRateLimiter()
const connectionStore = memoryConnectionStore()
const record = (id) => ({
  id,
  pelmUserId: id,
  accessToken: `at_${id}`,
  connectedAt: new Date().toISOString(),
  utility: { id: 'pge', name: 'Pacific Gas and Electric' },
  utilityUsername: 'user@pelm.com',
  credentialsValid: true,
  checkedAt: new Date().toISOString(),
})
const cookieApp = new Hono().post('/', (c) => {
  const binding = getCookie(c, 'pelm_binding') ?? newBinding()
  setCookie(c, 'pelm_binding', binding, {
    httpOnly: true,
    sameSite: 'Lax',
    path: '/api/pelm',
    maxAge: 1800,
  })
  return c.body(null, 204)
})
const plainApp = new Hono().post('/', (c) => c.body(null, 204))
const cookieRequest = () => ({ cookie: `session=abc; pelm_binding=${newBinding()}` })

/** Whole requests, then each step alone; `prepare` makes a fresh input outside the timing. */
/** A signed-in user of its own (the default rate limits stay on) and an empty body. */
const connectTokenInput = () => ({
  headers: { 'x-user-id': `bench-user-${randomBytes(6).toString('hex')}` },
  body: '{}',
})

const operations = {
  'connect-token, pelmRoutes': {
    prepare: connectTokenInput,
    run: ({ headers, body }) => post(apps.ours, '/connect-token', headers, body),
  },
  'connect-token, bare': {
    prepare: connectTokenInput,
    run: ({ headers, body }) => post(apps.bare, '/connect-token', headers, body),
  },
  'exchange, pelmRoutes': {
    prepare: exchangeInput,
    run: ({ headers, body }) => post(apps.ours, '/exchange', headers, body),
  },
  'exchange, bare': {
    prepare: exchangeInput,
    run: ({ headers, body }) => post(apps.bare, '/exchange', headers, body),
  },
  'state: issue (mint nonce, one HMAC)': {
    prepare: stateInput,
    run: (input) => signer.issue(input),
  },
  'state: verify (parse, one HMAC, constant-time compare)': {
    prepare: () => {
      const input = stateInput()
      return { ...input, state: signer.issue(input).state }
    },
    run: (input) => signer.verify(input),
  },
  'HMAC-SHA-256 of a state, @noble/hashes (synchronous, as now)': {
    prepare: message,
    run: (text) => keyed.clone().update(encoder.encode(text)).digest(),
  },
  'HMAC-SHA-256 of a state, WebCrypto (await crypto.subtle.sign, as in 0.1 ×2 per step)': {
    prepare: message,
    run: (text) => crypto.subtle.sign('HMAC', webCryptoKey, encoder.encode(text)),
  },
  'HMAC-SHA-256 of a state, node:crypto createHmac (Node only, reference)': {
    prepare: message,
    run: (text) => createHmac('sha256', key).update(text).digest(),
  },
  'SHA-256 of a code, @noble/hashes (replay key)': {
    prepare: () => `code_${randomBytes(24).toString('hex')}`,
    run: (code) => sha256(encoder.encode(code)),
  },
  'browser binding: 32 random bytes, base64url': { run: () => newBinding() },
  'cookie: read + set in a Hono route, minus a bare route': {
    prepare: cookieRequest,
    run: (headers) => cookieApp.request('http://127.0.0.1/', { method: 'POST', headers }),
    minus: 'a bare Hono route (for the cookie row)',
  },
  'a bare Hono route (for the cookie row)': {
    prepare: cookieRequest,
    run: (headers) => plainApp.request('http://127.0.0.1/', { method: 'POST', headers }),
  },
  'Connect URL: buildConnectUrl': {
    run: () =>
      buildConnectUrl({
        connectToken: 'ct_bench',
        redirectUri: 'http://127.0.0.1/pelm/callback',
        state:
          '2.AAAAAAAAAAAAAAAAAAAAAA.BBBBBBBBBBBBBBBBBBBBBB.t5dg3k.n.CCCCCCCCCCCCCCCCCCCCCCCCCCCCCCCCCCCCCCCCCCC',
        connectUrl: instantUpstream.connectUrl,
      }),
  },
  'replay store: claim the state and the code (memory)': {
    prepare: () => randomBytes(16).toString('base64url'),
    run: async (nonce) => {
      await replayStore.claim(`state:${nonce}`, 1_920_000)
      await replayStore.claim(`code:${nonce}`, 3_600_000)
    },
  },
  'rate limiter: one hit (memory, GCRA)': {
    prepare: () => `connect-token:user-${randomBytes(6).toString('hex')}`,
    run: (key) => rateLimiter.hit(key, DEFAULT_RATE_LIMITS.connectToken),
  },
  'connection store: list a new user’s connections (memory)': {
    prepare: () => `user-${randomBytes(6).toString('hex')}`,
    run: (userId) => connectionStore.list(userId),
  },
  'connection store: set (memory, record checked by valibot)': {
    prepare: () => [`user-${randomBytes(6).toString('hex')}`, record(newConnectionId())],
    run: ([userId, value]) => connectionStore.set(userId, value),
  },
  'Pelm client: createConnectToken (upstream answered at once)': {
    run: () => client.createConnectToken({ userId: 'u' }),
  },
  'Pelm client: exchangeCode (upstream answered at once)': {
    run: () => client.exchangeCode('code'),
  },
  'Pelm client: getUser (upstream answered at once)': {
    run: () => client.getUser('u', 'at_bench'),
  },
}

async function batch({ prepare, run }) {
  const inputs = []
  for (let i = 0; i < BATCH; i++) inputs.push(prepare ? prepare() : undefined)
  const before = process.cpuUsage()
  for (const input of inputs) await run(input)
  const { user, system } = process.cpuUsage(before)
  return (user + system) / BATCH
}

const samples = Object.fromEntries(Object.keys(operations).map((name) => [name, []]))
for (let round = 0; round <= BATCHES; round++) {
  for (const [name, operation] of Object.entries(operations)) {
    const cpu = await batch(operation)
    if (round > 0) samples[name].push(cpu) // round 0 warms up
  }
}
for (const [name, operation] of Object.entries(operations)) {
  if (operation.minus) {
    samples[name] = samples[name].map((value, index) => value - samples[operation.minus][index])
  }
}

/** The CPU profile of each route, ours and bare, over the same requests. */
async function profiles() {
  const result = {}
  for (const [route, prepare] of [
    ['connect-token', connectTokenInput],
    ['exchange', exchangeInput],
  ]) {
    for (const variant of ['ours', 'bare']) {
      const inputs = Array.from({ length: PROFILED_REQUESTS }, prepare)
      result[`${route}, ${variant}`] = await profileShares(async () => {
        for (const { headers, body } of inputs)
          await post(apps[variant], `/${route}`, headers, body)
      })
    }
  }
  return result
}

process.send({
  type: 'ready',
  breakdown: Object.fromEntries(
    Object.entries(samples)
      .filter(([name]) => !name.startsWith('a bare Hono route'))
      .map(([name, s]) => [name, summarize(s)]),
  ),
  profiles: process.env.BENCH_NO_PROFILE ? {} : await profiles(),
})
process.exit(0)
