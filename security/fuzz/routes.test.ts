import fc from 'fast-check'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createHarness, jsonError } from '../harness/app'
import { audit } from '../harness/audit'
import { buildRequest, FUZZ_RUNS, flowPool, fuzzSeed, requestSpec } from '../harness/fuzz-requests'
import { record } from '../harness/tally'

// Generated requests against each route: never a 5xx from bad input, every error in the JSON
// error shape, and nothing escapes as an unhandled error that would crash the process.

const routes = [
  { method: 'POST', path: '/connect-token' },
  { method: 'POST', path: '/exchange' },
  { method: 'GET', path: '/connections' },
  { method: 'DELETE', path: '/connections/:id' },
  { method: 'GET', path: '/unknown' },
]

let crashes = 0
const onCrash = () => {
  crashes += 1
}
beforeAll(() => {
  process.on('unhandledRejection', onCrash)
  process.on('uncaughtException', onCrash)
})
afterAll(() => {
  process.off('unhandledRejection', onCrash)
  process.off('uncaughtException', onCrash)
})

describe('fuzzing the routes', () => {
  it.each(routes)(`$method $path: ${FUZZ_RUNS} generated requests`, async (route) => {
    const h = createHarness()
    // Some routes read the store: give a few users a connection.
    const own = await h.connection('alice')
    await h.connection('bob')
    const other = await h.connection('mallory')
    const pool = await flowPool(h, 200, { own: own.id, other: other.id })
    const tally = { cases: 0, serverErrors: 0, nonJsonErrors: 0 }
    const crashesBefore = crashes
    const seen: string[] = []
    try {
      await fc.assert(
        fc.asyncProperty(requestSpec(route), async (spec) => {
          const request = buildRequest(h, spec, pool, tally.cases)
          const response = await h.send(request)
          const text = await response.text()
          tally.cases += 1
          const serverError = response.status >= 500
          // A HEAD answer has no body by definition; its status and type still count.
          const isHead = request.method === 'HEAD'
          const shaped =
            response.status < 400 ||
            (isHead
              ? response.headers.get('content-type')?.startsWith('application/json') === true
              : jsonError(response.headers.get('content-type'), text) !== undefined)
          if (serverError) tally.serverErrors += 1
          if (!shaped) tally.nonJsonErrors += 1
          if (seen.length < 5 && (serverError || !shaped)) {
            seen.push(`${request.method} ${request.url} → ${response.status} ${text.slice(0, 200)}`)
          }
          return !serverError && shaped && (response.status < 300 || response.status >= 400)
        }),
        { numRuns: FUZZ_RUNS, seed: fuzzSeed, endOnFailure: true },
      )
    } finally {
      record({
        category: 'fuzz',
        name: `${route.method} ${route.path}`,
        ...tally,
        crashes: crashes - crashesBefore,
      })
    }
    expect(seen).toEqual([])
    expect(tally.cases).toBeGreaterThanOrEqual(FUZZ_RUNS)
    // The generated traffic left the stored connections consistent, and touched no one else's:
    // mallory (never signed in here) still has hers.
    const after = await audit(h)
    expect(after.inconsistent).toBe(0)
    expect(await h.store.get('mallory', other.id)).toBeDefined()
  })
})
