import { createPelmClient, PelmError } from '@acme/pelm-server'
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { FUZZ_RUNS, fuzzSeed } from '../harness/fuzz-requests'
import { scriptedFetch, scriptFor } from '../harness/fuzz-upstream'
import { record } from '../harness/tally'

// Generated Pelm answers (any status, content type, JSON shape, truncated or broken bodies,
// network errors, hangs) against the client: it returns checked data or throws a PelmError
// subclass, never anything else, never hangs, never sends a code twice unless provably unsent.

const API = 'https://api.pelm.test'
const TIMEOUT_MS = 15
/** Well past the client's own timeout: a call still pending then is a hang. */
const HANG_MS = 2_000
const PELM_CODES = new Set([
  'bad_request',
  'unauthorized',
  'upstream_unavailable',
  'timeout',
  'invalid_response',
])

type Outcome = 'data' | 'pelmError' | 'unexpected' | 'hang'

const operations = {
  createConnectToken: {
    call: (client: ReturnType<typeof createPelmClient>) =>
      client.createConnectToken({ userId: 'u' }),
    valid: (value: unknown) => {
      const token = value as { connectToken?: unknown; expiresIn?: unknown; expiresAt?: unknown }
      return (
        typeof token.connectToken === 'string' &&
        token.connectToken !== '' &&
        typeof token.expiresIn === 'number' &&
        token.expiresIn > 0 &&
        token.expiresAt instanceof Date &&
        !Number.isNaN(token.expiresAt.getTime())
      )
    },
  },
  exchangeCode: {
    call: (client: ReturnType<typeof createPelmClient>) => client.exchangeCode('code-1'),
    valid: (value: unknown) => {
      const token = (value as { accessToken?: unknown }).accessToken
      return typeof token === 'string' && token !== ''
    },
  },
  getAccounts: {
    call: (client: ReturnType<typeof createPelmClient>) => client.getAccounts('token-1'),
    valid: (value: unknown) =>
      Array.isArray(value) &&
      value.every((account) => typeof account?.id === 'string' && Array.isArray(account.meters)),
  },
  getBills: {
    call: (client: ReturnType<typeof createPelmClient>) =>
      client.getBills('token-1', { accountId: 'a' }),
    valid: (value: unknown) => Array.isArray(value),
  },
  getUser: {
    call: (client: ReturnType<typeof createPelmClient>) => client.getUser('user-1', 'token-1'),
    valid: (value: unknown) => {
      const user = value as { id?: unknown; utility?: { id?: unknown }; credentialsValid?: unknown }
      return (
        typeof user.id === 'string' &&
        typeof user.utility?.id === 'string' &&
        typeof user.credentialsValid === 'boolean'
      )
    },
  },
  deleteUser: {
    call: (client: ReturnType<typeof createPelmClient>) => client.deleteUser('user-1', 'token-1'),
    valid: (value: unknown) => value === undefined,
  },
  getIntervals: {
    call: (client: ReturnType<typeof createPelmClient>) =>
      client.getIntervals('token-1', { accountId: 'a', type: 'ELECTRIC' }),
    valid: (value: unknown) => typeof value === 'object' && value !== null && !Array.isArray(value),
  },
}

async function settle(
  promise: Promise<unknown>,
  valid: (value: unknown) => boolean,
): Promise<Outcome> {
  let timer: ReturnType<typeof setTimeout> | undefined
  const hang = new Promise<Outcome>((resolve) => {
    timer = setTimeout(() => resolve('hang'), HANG_MS)
  })
  const outcome = promise.then(
    (value): Outcome => (valid(value) ? 'data' : 'unexpected'),
    (error: unknown): Outcome =>
      error instanceof PelmError && PELM_CODES.has(error.code) ? 'pelmError' : 'unexpected',
  )
  try {
    return await Promise.race([outcome, hang])
  } finally {
    clearTimeout(timer)
  }
}

describe('fuzzing Pelm’s answers', () => {
  it(`the client: ${FUZZ_RUNS} generated answer sequences`, async () => {
    const tally = { cases: 0, data: 0, pelmErrors: 0, unexpected: 0, hangs: 0 }
    const examples: string[] = []
    const names = Object.keys(operations) as (keyof typeof operations)[]
    try {
      await fc.assert(
        fc.asyncProperty(
          fc.constantFrom(...names).chain((name) => fc.tuple(fc.constant(name), scriptFor(name))),
          async ([name, script]) => {
            const { fetch, calls } = scriptedFetch(script)
            const client = createPelmClient({
              clientId: 'id',
              secret: 'secret',
              apiUrl: API,
              fetch,
              timeoutMs: TIMEOUT_MS,
              retry: { retries: 2, baseDelayMs: 1, maxDelayMs: 2 },
              dataRetry: { retries: 2, baseDelayMs: 1, maxDelayMs: 2 },
            })
            const operation = operations[name]
            let outcome = await settle(operation.call(client), operation.valid)
            // Safe retries only: a code goes out twice only after a failure proving it never left.
            const provablyUnsent = (index: number) => {
              const answer = calls[index]?.answer
              return answer?.kind === 'reject' && answer.error === 'refused'
            }
            const unsafe =
              name === 'exchangeCode' &&
              calls.some((_, index) => index > 0 && !provablyUnsent(index - 1))
            // Only Pelm's API host, and redirects never followed: they would carry the secret.
            const offHost = calls.some(
              (call) => !call.url.startsWith(`${API}/`) || call.redirect !== 'manual',
            )
            if (outcome !== 'hang' && (unsafe || offHost)) outcome = 'unexpected'
            tally.cases += 1
            if (outcome === 'data') tally.data += 1
            else if (outcome === 'pelmError') tally.pelmErrors += 1
            else if (outcome === 'hang') tally.hangs += 1
            else tally.unexpected += 1
            if ((outcome === 'unexpected' || outcome === 'hang') && examples.length < 5) {
              examples.push(`${name} ${JSON.stringify(script).slice(0, 300)} → ${outcome}`)
            }
            return outcome === 'data' || outcome === 'pelmError'
          },
        ),
        { numRuns: FUZZ_RUNS, seed: fuzzSeed, endOnFailure: true },
      )
    } finally {
      record({
        category: 'upstream',
        name: `createPelmClient (${names.length} operations)`,
        ...tally,
      })
    }
    expect(examples).toEqual([])
    expect(tally.data).toBeGreaterThan(0)
    expect(tally.pelmErrors).toBeGreaterThan(0)
  })
})
