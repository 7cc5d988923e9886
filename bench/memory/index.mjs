// RSS and heap of a pelmRoutes server after a warm-up, then after each of two rounds of 50,000
// mixed requests (every route, successes and refusals), each measured after full collections.
import { Agent, request } from 'node:http'
import { fileURLToPath } from 'node:url'
import { startChild } from '../lib/child.mjs'

const here = (file) => fileURLToPath(new URL(file, import.meta.url))
export const REQUESTS_PER_ROUND = 50_000
const WARMUP_REQUESTS = 4_000
const CONCURRENCY = 10
const USERS = 500
/** More than the longest time anything is remembered (a used code, 60 minutes). */
const AN_HOUR_LATER = 61 * 60_000

const agent = new Agent({ keepAlive: true, maxSockets: 64 })

/** node:http rather than fetch: the load generator shares the two cores with what it measures. */
function send(port, method, path, headers, body) {
  return new Promise((resolve, reject) => {
    const outgoing = request({ agent, port, host: '127.0.0.1', method, path, headers }, (res) => {
      let text = ''
      res.setEncoding('utf8')
      res.on('data', (chunk) => {
        text += chunk
      })
      res.on('end', () => resolve({ status: res.statusCode, headers: res.headers, text }))
    })
    outgoing.on('error', reject)
    outgoing.end(body)
  })
}

/**
 * One user's visit: 8 requests, 4 of them reaching the sandbox (Create connect token, the code
 * exchange and Get user, Delete user); returns the statuses. `codeFor(connectToken)` is the
 * sandbox finishing Connect for that connect token.
 */
async function visit(port, userId, codeFor) {
  const statuses = []
  const call = async (method, path, { user = userId, body, cookie } = {}) => {
    const headers = { 'content-type': 'application/json' }
    if (user) headers['x-user-id'] = user
    if (cookie) headers.cookie = cookie
    if (body) headers['content-length'] = Buffer.byteLength(body)
    const answer = await send(port, method, `/api/pelm${path}`, headers, body)
    statuses.push(answer.status)
    return answer
  }
  const started = await call('POST', '/connect-token', { body: '{}' })
  const cookie = started.headers['set-cookie']?.[0]?.split(';')[0]
  const connectUrl = new URL(JSON.parse(started.text).connectUrl)
  const state = connectUrl.searchParams.get('state')
  const code = await codeFor(connectUrl.searchParams.get('connect_token'))
  const exchange = JSON.stringify({ code, state })
  await call('POST', '/connect-token', { user: null, body: '{}' })
  const exchanged = await call('POST', '/exchange', { body: exchange, cookie })
  await call('POST', '/exchange', { body: exchange, cookie })
  await call('GET', '/connections')
  await call('DELETE', `/connections/${JSON.parse(exchanged.text).connection?.id}`)
  await call('GET', '/nothing-here')
  await call('POST', '/connect-token', { body: '{"utilityId":1}' })
  return statuses
}
const mb = (bytes) => (bytes / 2 ** 20).toFixed(1)
const EXPECTED = [200, 401, 200, 409, 200, 204, 404, 400]
const REQUESTS_PER_VISIT = EXPECTED.length

async function round(server, sandbox, requests, firstVisit) {
  const visits = Math.ceil(requests / REQUESTS_PER_VISIT)
  const userIds = Array.from({ length: visits }, (_, i) => `mem-user-${(firstVisit + i) % USERS}`)
  await sandbox.call('reset')
  const codeFor = (connectToken) => sandbox.call('codeFor', { connectToken })
  let next = 0
  let unexpected = 0
  const worker = async () => {
    while (next < visits) {
      const i = next++
      const statuses = await visit(server.port, userIds[i], codeFor)
      unexpected += statuses.filter((status, index) => status !== EXPECTED[index]).length
    }
  }
  await Promise.all(Array.from({ length: CONCURRENCY }, worker))
  if (unexpected > 0) throw new Error(`memory: ${unexpected} answers had an unexpected status`)
  return { visits, requests: visits * REQUESTS_PER_VISIT }
}

export async function runMemory({ log }) {
  const sandbox = await startChild(here('./sandbox.mjs'))
  const upstream = JSON.stringify({
    apiUrl: sandbox.apiUrl,
    connectUrl: sandbox.connectUrl,
    credentials: sandbox.credentials,
  })
  const server = await startChild(here('./server.mjs'), {
    args: [upstream],
    execArgv: ['--expose-gc'],
  })
  try {
    let visits = 0
    const run = async (requests) => {
      const started = performance.now()
      const done = await round(server, sandbox, requests, visits)
      visits += done.visits
      return { ...done, seconds: (performance.now() - started) / 1000 }
    }
    await run(WARMUP_REQUESTS)
    const baseline = await server.call('measure')
    log(`memory baseline: ${mb(baseline.rss)} MB RSS, ${mb(baseline.heapUsed)} MB heap`)
    const rounds = []
    for (const label of ['first', 'second']) {
      const done = await run(REQUESTS_PER_ROUND)
      const memory = await server.call('measure')
      rounds.push({ label, ...done, memory })
      log(
        `memory ${label} round: ${done.requests} requests in ${done.seconds.toFixed(1)} s, ${mb(memory.rss)} MB RSS, ${mb(memory.heapUsed)} MB heap`,
      )
    }
    // Used states and codes are remembered for their lifetime (30 and 60 minutes), by design, so
    // each round adds its own. An hour later (the server's clock moved) a few requests let the
    // store sweep them: what remains then is what a leak would leave.
    await server.call('advanceClock', { ms: AN_HOUR_LATER })
    await run(REQUESTS_PER_VISIT * CONCURRENCY)
    const anHourLater = await server.call('measure')
    log(`memory an hour later: ${mb(anHourLater.rss)} MB RSS, ${mb(anHourLater.heapUsed)} MB heap`)
    return {
      baseline,
      rounds,
      anHourLater,
      setup: { WARMUP_REQUESTS, CONCURRENCY, USERS, REQUESTS_PER_VISIT },
    }
  } finally {
    await server.stop()
    await sandbox.stop()
  }
}
