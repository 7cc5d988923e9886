import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { createHarness, jsonError } from '../harness/app'
import { FUZZ_RUNS, fuzzSeed } from '../harness/fuzz-requests'
import { scriptedFetch, scriptFor, type UpstreamAnswer } from '../harness/fuzz-upstream'
import { record } from '../harness/tally'

// Generated Pelm answers behind the routes: whatever Pelm says, the app answers 200 or the JSON
// error body, and a 200 from /exchange stored exactly the token Pelm gave; nothing else is stored.
// The exchange's Get user (and a Delete user, when it merges a duplicate login) get generated
// answers of their own: they are best effort and never fail or change a successful exchange.

const API = 'https://api.pelm.test'
/** Tiny, so generated hangs end fast. */
const TIMEOUT_MS = 15
/** Well past the client's own timeout: an answer still pending then is a hang. */
const HANG_MS = 2_000

/** The promise's value, or `undefined` when it is still pending after `ms`. */
async function withinMs<T>(promise: Promise<T>, ms: number): Promise<T | undefined> {
  let timer: ReturnType<typeof setTimeout> | undefined
  const late = new Promise<undefined>((resolve) => {
    timer = setTimeout(() => resolve(undefined), ms)
  })
  try {
    return await Promise.race([promise, late])
  } finally {
    clearTimeout(timer)
  }
}

const CONNECT_TOKEN_OK: UpstreamAnswer = {
  kind: 'response',
  status: 200,
  contentType: 'application/json',
  body: '{"connect_token":"ct_fuzz","expires_in":1800}',
}

/**
 * Starts a flow against a well-behaved fake Pelm. The client's timeout is tiny here (so generated
 * hangs end fast): on a busy machine a start may time out, so it tries again.
 */
async function startWithin(h: ReturnType<typeof createHarness>, user: string, reset: () => void) {
  for (let attempt = 1; ; attempt++) {
    reset()
    try {
      return await h.start(user)
    } catch (error) {
      if (attempt >= 5) throw error
    }
  }
}

/** The connection of a 200 from /exchange: `{ connected: true, connection: { id, … } }`. */
const connectionIn = (text: string) => {
  try {
    const body = JSON.parse(text) as { connected?: unknown; connection?: { id?: unknown } }
    return body.connected === true && typeof body.connection?.id === 'string'
      ? { id: body.connection.id }
      : undefined
  } catch {
    return undefined
  }
}

const accessTokenIn = (body: string) => {
  try {
    return (JSON.parse(body) as { access_token?: unknown } | null)?.access_token
  } catch {
    return undefined
  }
}

describe('fuzzing Pelm’s answers', () => {
  it.each(['/connect-token', '/exchange'])(
    `the route %s: ${Math.round(FUZZ_RUNS / 4)} generated answer sequences`,
    async (path) => {
      const tally = { cases: 0, data: 0, pelmErrors: 0, unexpected: 0, hangs: 0 }
      const examples: string[] = []
      let current = scriptedFetch([{ kind: 'reject', error: 'fetch failed' }])
      const h = createHarness({
        routes: {
          apiUrl: API,
          fetch: (input, init) => current.fetch(input, init),
          timeoutMs: TIMEOUT_MS,
        },
      })
      try {
        await fc.assert(
          fc.asyncProperty(
            scriptFor(path === '/connect-token' ? 'createConnectToken' : 'exchangeCode'),
            scriptFor('getUser'),
            async (script, users) => {
              const play = () => scriptedFetch(script, { '/users/': users })
              current = play()
              const index = tally.cases
              const user = `user-${index % 20}`
              let answer: Promise<Response>
              const writes = h.store.writes.length
              if (path === '/connect-token') {
                answer = h.request('POST', path, { user, body: {} })
              } else {
                // A fresh, valid state each time (from a well-behaved Pelm), so every case reaches Pelm.
                const flow = await startWithin(h, user, () => {
                  current = scriptedFetch([CONNECT_TOKEN_OK])
                })
                current = play()
                answer = h.exchange(user, { code: `code-${index}`, state: flow.state }, flow.cookie)
              }
              const response = await withinMs(answer, HANG_MS)
              if (!response) {
                tally.cases += 1
                tally.hangs += 1
                return false
              }
              const text = await response.text()
              // A 200 stored exactly the token of Pelm's last answer to the code exchange (in the
              // connection it answered); anything else stored nothing.
              const played = current.calls
                .filter((call) => call.url.endsWith('/auth/token'))
                .at(-1)?.answer
              const issued = played?.kind === 'response' ? accessTokenIn(played.body) : undefined
              const connection = response.status === 200 ? connectionIn(text) : undefined
              const stored =
                connection === undefined
                  ? undefined
                  : (await h.store.get(user, connection.id))?.accessToken
              const storeOk =
                path === '/connect-token' ||
                (response.status === 200
                  ? h.store.writes.length === writes + 1 && stored === issued
                  : h.store.writes.length === writes)
              const shaped =
                response.status === 200
                  ? path === '/connect-token'
                    ? text.includes('"connectUrl"')
                    : connection !== undefined
                  : jsonError(response.headers.get('content-type'), text) !== undefined
              const ok = storeOk && shaped
              tally.cases += 1
              if (!ok) tally.unexpected += 1
              else if (response.status === 200) tally.data += 1
              else tally.pelmErrors += 1
              if (!ok && examples.length < 5) {
                examples.push(
                  `${JSON.stringify(script).slice(0, 300)} → ${response.status} ${text.slice(0, 200)}`,
                )
              }
              return ok
            },
          ),
          { numRuns: Math.round(FUZZ_RUNS / 4), seed: fuzzSeed, endOnFailure: true },
        )
      } finally {
        record({ category: 'upstream', name: `POST ${path} under generated answers`, ...tally })
      }
      expect(examples).toEqual([])
      // Whatever Pelm answered, every stored record reads back with a token.
      for (const userId of h.store.users()) {
        for (const stored of await h.store.list(userId)) {
          expect(typeof stored.accessToken).toBe('string')
        }
      }
    },
  )
})
