import { memoryRateLimiter } from '@acme/pelm-server'
import type { PelmRoutesOptions } from '@acme/pelm-server/hono'
import { describe, expect, it } from 'vitest'
import { createHarness, errorOf, type Flow, type Harness } from '../harness/app'
import { createSecrets } from '../harness/secrets'
import { record } from '../harness/tally'

// Per-user limits on the two routes that spend something (a Pelm connect token, a code): over
// the limit, 429 `rate_limited` with `Retry-After` and the JSON error body, decided before
// anything reaches Pelm, per signed-in user (not per browser), shared by every instance that
// shares the limiter; a refused request spends nothing (its state and code still work later).

const LIMIT = 5
const OVER = 20
const WINDOW_MS = 60_000

/** How one burst went: answers past the limit, and the requests of theirs that reached Pelm. */
async function burst(h: Harness, path: string, sends: (() => Promise<Response>)[]) {
  const answers: { status: number; code?: string; retryAfter: string | null; cookies: number }[] =
    []
  let reachedPelm = 0
  for (const [index, send] of sends.entries()) {
    const before = h.upstreamTotal()
    const response = await send()
    if (index >= LIMIT) reachedPelm += h.upstreamTotal() - before
    answers.push({
      status: response.status,
      code: (await errorOf(response))?.code,
      retryAfter: response.headers.get('retry-after'),
      cookies: response.headers.getSetCookie().length,
    })
  }
  const over = answers.slice(LIMIT)
  const limited = over.filter(
    (answer) =>
      answer.status === 429 &&
      answer.code === 'rate_limited' &&
      Number(answer.retryAfter) >= 1 &&
      answer.cookies === 0,
  ).length
  record({ category: 'rate limit', name: path, overLimit: over.length, limited, reachedPelm })
  return { answers, limited, reachedPelm }
}

type Limits = Exclude<PelmRoutesOptions['rateLimits'], false | undefined>

const limits = (overrides: Limits = {}): Limits => ({
  connectToken: { limit: LIMIT, windowMs: WINDOW_MS },
  exchange: { limit: LIMIT, windowMs: WINDOW_MS },
  ...overrides,
})

describe('rate limits', () => {
  it(`POST /connect-token: ${OVER} requests over the limit → ${OVER} × 429, none reaching Pelm`, async () => {
    let now = Date.parse('2030-01-01T00:00:00Z')
    const h = createHarness({ routes: { now: () => now, rateLimits: limits() } })
    // A new browser (no binding cookie) each time: the limit is the user's, not the browser's.
    const sends = Array.from(
      { length: LIMIT + OVER },
      () => () => h.request('POST', '/connect-token', { user: 'mallory', body: {} }),
    )
    const { answers, limited, reachedPelm } = await burst(h, 'POST /connect-token', sends)
    expect(answers.slice(0, LIMIT).every((answer) => answer.status === 200)).toBe(true)
    expect({ limited, reachedPelm }).toEqual({ limited: OVER, reachedPelm: 0 })
    expect(h.upstreamCalls('POST', '/auth/connect-token')).toBe(LIMIT)
    // Another user is not limited by mallory's burst; mallory is again once the window passed.
    expect((await h.request('POST', '/connect-token', { user: 'alice', body: {} })).status).toBe(
      200,
    )
    now += WINDOW_MS
    expect((await h.request('POST', '/connect-token', { user: 'mallory', body: {} })).status).toBe(
      200,
    )
    expect(h.serverEvents.filter((event) => event.type === 'rate_limited')).toHaveLength(OVER)
  })

  it(`POST /exchange: ${OVER} requests over the limit → ${OVER} × 429, no code spent`, async () => {
    let now = Date.parse('2030-01-01T00:00:00Z')
    const h = createHarness({
      routes: { now: () => now, rateLimits: limits({ connectToken: false }) },
    })
    const flows: Flow[] = []
    for (let i = 0; i < LIMIT + OVER; i++) flows.push(await h.flow('mallory'))
    const sends = flows.map(
      (flow) => () => h.exchange('mallory', { code: flow.code, state: flow.state }, flow.cookie),
    )
    const { answers, limited, reachedPelm } = await burst(h, 'POST /exchange', sends)
    expect(answers.slice(0, LIMIT).every((answer) => answer.status === 200)).toBe(true)
    expect({ limited, reachedPelm }).toEqual({ limited: OVER, reachedPelm: 0 })
    expect(h.upstreamCalls('POST', '/auth/token')).toBe(LIMIT)
    expect(h.store.writes).toHaveLength(LIMIT)
    // A refused exchange spent neither its state nor its code: it finishes once the window passed.
    now += WINDOW_MS
    const late = flows[LIMIT] as Flow
    expect(
      (await h.exchange('mallory', { code: late.code, state: late.state }, late.cookie)).status,
    ).toBe(200)
  })

  it('counts a user’s requests across instances that share the limiter', async () => {
    const now = Date.parse('2030-01-01T00:00:00Z')
    const secrets = createSecrets()
    const rateLimiter = memoryRateLimiter({ now: () => now })
    const instance = (sandbox?: Harness['mock']) =>
      createHarness({
        secrets,
        sandbox,
        routes: { now: () => now, rateLimits: limits(), rateLimiter },
      })
    const first = instance()
    const second = instance(first.mock)
    const sends = Array.from({ length: LIMIT + OVER }, (_, index) => () => {
      const h = index % 2 === 0 ? first : second
      return h.request('POST', '/connect-token', { user: 'mallory', body: {} })
    })
    const { limited, reachedPelm } = await burst(
      first,
      'POST /connect-token, two instances sharing the limiter',
      sends,
    )
    expect({ limited, reachedPelm }).toEqual({ limited: OVER, reachedPelm: 0 })
    expect(first.upstreamCalls('POST', '/auth/connect-token')).toBe(LIMIT)
  })
})
