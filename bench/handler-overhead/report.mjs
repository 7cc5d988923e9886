import { ratio, spread, table } from '../lib/report.mjs'
import { format } from '../lib/stats.mjs'

const TARGET = 0.9

/** What pelmRoutes does per request on top of the bare routes. */
const extraWork = {
  connectToken:
    "checks the origin, limits and reads the body (once, through Hono's body cache), validates " +
    'it with valibot, draws 32 random bytes and signs the state with two WebCrypto HMAC-SHA-256 ' +
    'calls, serializes the cookie and builds the Connect URL with `URL`',
  exchange:
    'checks the origin, limits and validates the body, verifies the signed cookie (two ' +
    'WebCrypto HMAC calls), hashes the code (WebCrypto SHA-256), claims the state and the code ' +
    'in the replay store, tracks the in-flight exchange and clears the cookie',
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

function partsTable(parts) {
  return table(
    ['operation (in-process, upstream answered at once)', 'CPU per operation'],
    Object.entries(parts).map(([name, summary]) => [name, spread(summary, 1, 'µs')]),
  )
}

export function reportHandlerOverhead({ connectToken, exchange, parts, setup }) {
  const routes = [
    ['/connect-token', 'connectToken', connectToken],
    ['/exchange', 'exchange', exchange],
  ]
  const extra = (name) =>
    format(parts[`${name}, pelmRoutes`].median - parts[`${name}, bare`].median)
  const notes = routes
    .filter(([, , r]) => r.ratio.median < TARGET)
    .map(
      ([label, key, r]) =>
        `- **What limits \`${label}\`** (rate ratio ${ratio(r.ratio.median)}, CPU capacity ratio ${ratio(r.cpuRatio.median)}): pelmRoutes ${extraWork[key]}. That is about ${extra(label.slice(1))} µs of CPU per request more than the bare route (last table), where the whole bare request, HTTP and in-process sandbox included, takes ${format(r.cpuPerRequest.bare.median)} µs under load.`,
    )
  if (notes.length > 0) {
    notes.push(
      '- The largest single part is WebCrypto: each `crypto.subtle` call is an asynchronous job in Node (a thread-pool hop), far dearer than its hashing. Measured by hand when this benchmark was written (in-process, upstream answered at once), replacing the two HMAC calls of connect-token by a constant took about 120 µs off its ~280 µs. The core uses WebCrypto by design (one code path for Node, Bun, Deno and Workers, see the architecture); `node:crypto` on Node, or one HMAC instead of two per state, would narrow the gap. The extra body read costs the difference between the two `request:` rows.',
    )
  }
  const markdown = `## 3. Handler overhead

Each variant is its own Node process on \`@hono/node-server\`, with the sandbox in that process
(\`createPelmMock()\`, its \`mock.fetch\` as the Pelm client's \`fetch\`): **ours** mounts
\`pelmRoutes\` (user id from a header, \`memoryTokenStore()\`); the **baseline** is bare Hono routes
that read the JSON body and make the same upstream call through the same \`createPelmClient\`
(\`createConnectToken\`; \`exchangeCode\` then \`tokenStore.set\`), without the toolkit's checks.
autocannon (programmatic, ${setup.CONNECTIONS} connections) runs in the parent process.
Warm-up per variant (connect-token ${setup.WARMUP_SECONDS} s, exchange ${format(setup.EXCHANGES_PER_RUN / 3)} requests), then ${setup.RUNS} runs each, alternating which goes
first: connect-token ${setup.RUN_SECONDS} s per run; exchange ${format(setup.EXCHANGES_PER_RUN)} requests per run, each with a code the
sandbox issued and a state cookie signed for its user, prepared before the run. Before every run
the sandbox is reset (it keeps every token and request it saw) and the server collects garbage.
Every answer was checked to be a 2xx. Rates count completed requests from the first request to the
last answer; the ratio is the median of the paired run ratios (ours ÷ bare). CPU time per
request (user + system of the server process) moves much less with the machine's other load than
a rate, so its ratio is shown as a check.

${table(['measure', 'pelmRoutes', 'bare Hono', 'ratio'], [...routeRows('/connect-token', connectToken), ...routeRows('/exchange', exchange)])}

- Target: ratio ≥ ${TARGET}: connect-token ${ratio(connectToken.ratio.median)}, **${connectToken.ratio.median >= TARGET ? 'met' : 'missed'}**; exchange ${ratio(exchange.ratio.median)}, **${exchange.ratio.median >= TARGET ? 'met' : 'missed'}**.
${notes.join('\n')}

Where the time goes, measured in a separate process before the load runs (\`app.request\`, no
socket; the upstream \`fetch\` answers at once, so the sandbox costs nothing; \`process.cpuUsage()\`
over batches of 1,500, median of 5 after a warm-up batch):

${partsTable(parts)}`
  return {
    summary: routes.map(([label, , r]) => [
      `Handler overhead, \`POST ${label}\` req/s`,
      format(r.ours.median),
      `bare Hono ${format(r.bare.median)}`,
      ratio(r.ratio.median),
      '≥ 0.90',
      r.ratio.median >= TARGET,
    ]),
    markdown,
  }
}
