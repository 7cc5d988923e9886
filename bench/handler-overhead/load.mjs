// The load of the handler-overhead benchmark: autocannon against one server (server.mjs), for
// POST /connect-token (for a time) and POST /exchange (a number of prepared exchanges).
import autocannon from 'autocannon'

export const CONNECTIONS = 10

const jsonHeaders = (userId) => ({ 'content-type': 'application/json', 'x-user-id': userId })

/** One autocannon run; the rate is counted from its first request to its last response. */
function load(options) {
  return new Promise((resolve, reject) => {
    let first
    let last
    const instance = autocannon({ connections: CONNECTIONS, ...options }, (error, result) => {
      if (error) return reject(error)
      const completed = Object.values(result.statusCodeStats).reduce(
        (sum, { count }) => sum + count,
        0,
      )
      resolve({
        rps: completed / ((last - first) / 1000),
        completed,
        failed: result.non2xx + result.errors + result.timeouts,
        latencyP50: result.latency.p50,
      })
    })
    instance.once('start', () => {
      first = performance.now()
    })
    instance.on('response', () => {
      last = performance.now()
    })
  })
}

let users = 0

/**
 * A different signed-in user for each request: pelmRoutes limits each user to 30 connect tokens
 * per 10 minutes by default (the limiter stays on: its cost is part of the overhead measured).
 */
export const connectTokenRun = (target, seconds) =>
  load({
    url: `http://127.0.0.1:${target.port}/api/pelm/connect-token`,
    duration: seconds,
    requests: [
      {
        method: 'POST',
        setupRequest: (request) => ({
          ...request,
          headers: jsonHeaders(`bench-user-${users++}`),
          body: '{}',
        }),
      },
    ],
  })

export async function exchangeRun(target, amount) {
  // Every exchange needs a fresh code, and a state with the binding cookie it was signed for.
  const items = await target.call('prepareExchanges', { count: amount + CONNECTIONS * 2 })
  let next = 0
  return load({
    url: `http://127.0.0.1:${target.port}/api/pelm/exchange`,
    amount,
    requests: [
      {
        method: 'POST',
        setupRequest(request) {
          const item = items[next++]
          return {
            ...request,
            headers: { ...jsonHeaders(item.userId), cookie: item.cookie },
            body: JSON.stringify({ code: item.code, state: item.state }),
          }
        },
      },
    ],
  })
}
