// Where pelmRoutes spends its extra time: both apps with an upstream that answers at once (no
// sandbox, no socket), and the parts measured alone; CPU µs per operation, in-process.
import { bareApp, oursApp } from '../lib/apps.mjs'
import { summarize } from '../lib/stats.mjs'
import { benchSecrets, importDist } from '../lib/workspace.mjs'

const { createStateSigner } = await importDist('server')
const BATCH = 1500
const BATCHES = 5

const answers = {
  '/auth/connect-token': { connect_token: 'ct_bench', expires_in: 1800 },
  '/auth/token': { access_token: 'at_bench', access_token_expires_in: 3600 },
}
const upstream = {
  apiUrl: 'http://pelm.localhost',
  connectUrl: 'http://pelm.localhost/connect',
  credentials: { clientId: 'bench', secret: 'bench' },
  fetch: async (input) =>
    Response.json(answers[new URL(input instanceof Request ? input.url : input).pathname]),
}
const apps = { ours: oursApp(upstream), bare: bareApp(upstream) }
const signer = createStateSigner({ secret: benchSecrets.cookieSecret })

async function post(app, path, headers, body) {
  const response = await app.request(`http://127.0.0.1/api/pelm${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-user-id': 'bench-user', ...headers },
    body,
  })
  if (response.status !== 200) throw new Error(`${path}: ${response.status}`)
  await response.text()
}

async function exchangeInput() {
  const { state, cookieValue } = await signer.issue({ userId: 'bench-user' })
  const code = `code_${crypto.randomUUID()}`
  return [{ cookie: `pelm_state=${cookieValue}` }, JSON.stringify({ code, state }), cookieValue]
}

const operations = {
  'connect-token, pelmRoutes': { run: () => post(apps.ours, '/connect-token', {}, '{}') },
  'connect-token, bare': { run: () => post(apps.bare, '/connect-token', {}, '{}') },
  'exchange, pelmRoutes': {
    prepare: exchangeInput,
    run: ([headers, body]) => post(apps.ours, '/exchange', headers, body),
  },
  'exchange, bare': {
    prepare: exchangeInput,
    run: ([headers, body]) => post(apps.bare, '/exchange', headers, body),
  },
  'state: sign (issue)': { run: () => signer.issue({ userId: 'bench-user' }) },
  'state: verify': {
    prepare: async () => signer.issue({ userId: 'bench-user' }),
    run: ({ state, cookieValue }) => signer.verify({ cookieValue, state, userId: 'bench-user' }),
  },
}

async function batch({ prepare, run }) {
  const inputs = []
  for (let i = 0; i < BATCH; i++) inputs.push(prepare ? await prepare() : undefined)
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
process.send({
  type: 'ready',
  breakdown: Object.fromEntries(Object.entries(samples).map(([name, s]) => [name, summarize(s)])),
})
process.exit(0)
