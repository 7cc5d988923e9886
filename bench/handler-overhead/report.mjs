import { ratio, spread, table } from '../lib/report.mjs'
import { format } from '../lib/stats.mjs'

const TARGET = 0.9
const ROUTES = [
  ['/connect-token', 'connectToken', 'connect-token'],
  ['/exchange', 'exchange', 'exchange'],
]
/** Parts of the profile shown per route: the largest differences, then the rest summed. */
const PARTS_SHOWN = 14

/** What pelmRoutes does per request on top of the bare routes. */
const extraWork = {
  connectToken:
    'checks the origin and the user, counts the hit in the rate limiter, limits and reads the ' +
    'body and checks it with valibot, mints a connection id, reads or mints the browser ' +
    'binding and sets its cookie, signs the state (one synchronous HMAC-SHA-256, @noble/hashes) ' +
    'and builds the Connect URL with `URL`',
  exchange:
    'checks the origin and the user, counts the hit in the rate limiter, limits and validates ' +
    'the body, reads the binding cookie, verifies the state (one HMAC), claims the state and ' +
    'the code (SHA-256) in the replay store, tracks the in-flight exchange, lists the user’s ' +
    'connections (same-login check), builds and checks the record, and answers the connection',
}

function routeRows(label, r) {
  return [
    [
      `\`POST ${label}\` req/s`,
      spread(r.ours, 0, ''),
      spread(r.bare, 0, ''),
      `**${ratio(r.ratio.median)}** (IQR ${ratio(r.ratio.q1)}–${ratio(r.ratio.q3)})`,
    ],
    [
      `\`POST ${label}\` CPU µs per request (server)`,
      spread(r.cpuPerRequest.ours, 0, 'µs'),
      spread(r.cpuPerRequest.bare, 0, 'µs'),
      `${ratio(r.cpuRatio.median)} (capacity: bare µs ÷ ours µs)`,
    ],
    [
      `\`POST ${label}\` latency p50`,
      spread(r.latencyP50.ours, 0, 'ms'),
      spread(r.latencyP50.bare, 0, 'ms'),
      '',
    ],
  ]
}

/**
 * The profile of one route, ours and bare, as µs per request: each part's share of the samples
 * times the CPU per request measured without the profiler. Sorted by what ours spends more.
 */
export function profileRows(parts, profiles, route) {
  const ours = profiles[`${route}, ours`]
  const bare = profiles[`${route}, bare`]
  const cpuOurs = parts[`${route}, pelmRoutes`].median
  const cpuBare = parts[`${route}, bare`].median
  const rows = [...new Set([...Object.keys(ours), ...Object.keys(bare)])]
    .map((part) => ({
      part,
      ours: (ours[part] ?? 0) * cpuOurs,
      bare: (bare[part] ?? 0) * cpuBare,
    }))
    .map((row) => ({ ...row, extra: row.ours - row.bare }))
    .sort((a, b) => b.extra - a.extra)
  const shown = rows.slice(0, PARTS_SHOWN)
  const rest = rows.slice(PARTS_SHOWN)
  const sum = (list, key) => list.reduce((total, row) => total + row[key], 0)
  return {
    rows: shown,
    rest: { ours: sum(rest, 'ours'), bare: sum(rest, 'bare'), extra: sum(rest, 'extra') },
    total: { ours: cpuOurs, bare: cpuBare, extra: cpuOurs - cpuBare },
  }
}

function profileTable(parts, profiles, route) {
  const { rows, rest, total } = profileRows(parts, profiles, route)
  const f = (value) => format(value, 1)
  return table(
    ['where the CPU goes', 'pelmRoutes µs', 'bare µs', 'pelmRoutes − bare'],
    [
      ...rows.map((row) => [row.part, f(row.ours), f(row.bare), f(row.extra)]),
      ['everything else', f(rest.ours), f(rest.bare), f(rest.extra)],
      [
        '**whole request** (measured without the profiler)',
        f(total.ours),
        f(total.bare),
        f(total.extra),
      ],
    ],
  )
}

function partsTable(parts) {
  return table(
    ['operation (in-process, Pelm answered at once)', 'CPU per operation'],
    Object.entries(parts).map(([name, summary]) => [name, spread(summary, 1, 'µs')]),
  )
}

/** The largest extra parts of a route, for the note on what limits it. */
function largest(parts, profiles, route) {
  return profileRows(parts, profiles, route)
    .rows.filter((row) => row.extra > 1)
    .slice(0, 5)
    .map((row) => `${row.part} ${format(row.extra, 0)} µs`)
    .join(', ')
}

export function reportHandlerOverhead({
  connectToken,
  exchange,
  bodyLimit,
  parts,
  profiles,
  setup,
}) {
  const results = { connectToken, exchange }
  const notes = ROUTES.filter(([, key]) => results[key].ratio.median < TARGET).map(
    ([label, key, route]) =>
      `- **What limits \`${label}\`** (rate ratio ${ratio(results[key].ratio.median)}, CPU capacity ratio ${ratio(results[key].cpuRatio.median)}): pelmRoutes ${extraWork[key]}. In-process that is ${format(parts[`${route}, pelmRoutes`].median - parts[`${route}, bare`].median)} µs of CPU per request more than the bare route; the largest parts: ${largest(parts, profiles, route)} (tables below).`,
  )
  const bodyLimitNote = `- **Over HTTP, \`hono/body-limit\` alone** (the bare connect-token route behind it, against the same route without it, ${setup.RUNS} interleaved runs each): ${format(bodyLimit.extra.median)} µs of CPU per request (IQR ${format(bodyLimit.extra.q1)}–${format(bodyLimit.extra.q3)}; ${format(bodyLimit.with.median)} µs against ${format(bodyLimit.without.median)} µs). Its first step reads \`c.req.raw.body\`, which on \`@hono/node-server\` builds a web \`Request\` and stream for the request and then reads the body through them instead of straight from the socket; the in-process figures below cannot show it (\`app.request\` passes a real \`Request\`). pelmRoutes therefore judges a body with a \`Content-Length\` by that header and uses \`hono/body-limit\` only for chunked bodies (\`limitBody\` in \`packages/pelm-server/src/hono/middleware/json-body.ts\`); this line measures what that saves.`
  const markdown = `## 3. Handler overhead

Each variant is its own Node process on \`@hono/node-server\`, with the sandbox in that process
(\`createPelmMock()\`, its \`mock.fetch\` as the Pelm client's \`fetch\`): **ours** mounts
\`pelmRoutes\` with its defaults (user id from a header, \`memoryConnectionStore()\`, the default
per-user rate limits and in-memory replay store); the **baseline** is bare Hono routes that read
the JSON body and make the same upstream calls through the same \`createPelmClient\`
(connect-token: Create connect token; exchange: the code exchange, then Get user, as pelmRoutes
does, then \`connectionStore.set\`), without the toolkit's checks, cookie or state. autocannon
(programmatic, ${setup.CONNECTIONS} connections) runs in the parent process. Every request is from a user of
its own (pelmRoutes would otherwise rate-limit one user after 30 connect tokens); each exchange
carries a code the sandbox issued for a new connection, its state and its binding cookie,
prepared before the run. Warm-up per variant (connect-token ${setup.WARMUP_SECONDS} s, exchange
${format(setup.EXCHANGES_PER_RUN / 3)} requests), then ${setup.RUNS} runs each, alternating which goes first: connect-token
${setup.RUN_SECONDS} s per run; exchange ${format(setup.EXCHANGES_PER_RUN)} requests per run. Before every run the sandbox is reset
(it keeps every token and request it saw) and the server collects garbage. Every answer was
checked to be a 2xx. Rates count completed requests from the first request to the last answer;
the ratio is the median of the paired run ratios (ours ÷ bare). CPU time per request (user +
system of the server process) moves much less with the machine's other load than a rate, so its
ratio is shown as a check. The sandbox is part of both: the heavier it is, the nearer 1 the
ratios; the in-process figures below show the overhead without it.

${table(['measure', 'pelmRoutes', 'bare Hono', 'ratio'], [...routeRows('/connect-token', connectToken), ...routeRows('/exchange', exchange)])}

- Target: ratio ≥ ${TARGET}: connect-token ${ratio(connectToken.ratio.median)}, **${connectToken.ratio.median >= TARGET ? 'met' : 'missed'}**; exchange ${ratio(exchange.ratio.median)}, **${exchange.ratio.median >= TARGET ? 'met' : 'missed'}**.
${[...notes, bodyLimitNote].join('\n')}

Where the time goes, measured in a separate process before the load runs (\`app.request\`, no
socket; a Pelm that answers at once, so no sandbox; \`process.cpuUsage()\` over batches of 1,500,
median of 5 after a warm-up batch). The whole requests first, then each step of the handlers
alone through the public API (the 0.1 state took two WebCrypto HMACs to sign and two to verify):

${partsTable(parts)}

Then V8's sampling profiler over the same requests (self time of each function, grouped by what it
belongs to; each part's share of the samples times the CPU measured without the profiler):

**\`POST /connect-token\`**

${profileTable(parts, profiles, 'connect-token')}

**\`POST /exchange\`**

${profileTable(parts, profiles, 'exchange')}`
  return {
    summary: ROUTES.map(([label, key]) => [
      `Handler overhead, \`POST ${label}\` req/s`,
      format(results[key].ours.median),
      `bare Hono ${format(results[key].bare.median)}`,
      ratio(results[key].ratio.median),
      '≥ 0.90',
      results[key].ratio.median >= TARGET,
    ]),
    markdown,
  }
}
