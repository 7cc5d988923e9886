import type { FaultRule } from '@acme/pelm-mock'
import { describe, expect, it } from 'vitest'
import { createHarness, errorOf } from '../harness/app'
import { audit } from '../harness/audit'
import { record } from '../harness/tally'

// Faults on Pelm's /auth/connect-token during POST /connect-token. Asking for a connect token
// has no lasting effect, so transient failures (network, 502/503/504) are retried; nothing else.
// A failure sets no binding cookie and touches no stored connection.

interface Case {
  name: string
  fault: Omit<FaultRule, 'route'>
  status: number
  code?: string
  /** Calls to Pelm the request makes (1 + retries). */
  calls: number
  timeoutMs?: number
}

const cases: Case[] = [
  { name: 'Pelm slow (within the timeout)', fault: { latencyMs: 60 }, status: 200, calls: 1 },
  {
    name: 'Pelm slow (past the timeout)',
    fault: { latencyMs: 2_500 },
    timeoutMs: 1_000,
    status: 504,
    code: 'upstream_timeout',
    calls: 1,
  },
  {
    name: 'Pelm down (every attempt dropped)',
    fault: { drop: 'before' },
    status: 502,
    code: 'upstream_error',
    calls: 3,
  },
  { name: 'Pelm down once, then back', fault: { drop: 'before', times: 1 }, status: 200, calls: 2 },
  { name: 'Pelm 503 once, then back', fault: { status: 503, times: 1 }, status: 200, calls: 2 },
  {
    name: 'Pelm 503 throughout',
    fault: { status: 503 },
    status: 502,
    code: 'upstream_error',
    calls: 3,
  },
  {
    name: 'Pelm 500 (not transient: no retry)',
    fault: { status: 500 },
    status: 502,
    code: 'upstream_error',
    calls: 1,
  },
  {
    name: 'malformed JSON',
    fault: { status: 200, body: '{"connect_token":' },
    status: 502,
    code: 'upstream_error',
    calls: 1,
  },
  {
    name: 'connection dropped after handling, once',
    fault: { drop: 'after', times: 1 },
    status: 200,
    calls: 2,
  },
  {
    name: 'data_unavailable',
    fault: { status: 500, errorCode: 'data_unavailable' },
    status: 502,
    code: 'upstream_error',
    calls: 1,
  },
  {
    name: 'Pelm rejects the credentials',
    fault: { status: 401, errorCode: 'credentials_invalid' },
    status: 500,
    code: 'misconfigured',
    calls: 1,
  },
]

describe('faults on Pelm during POST /connect-token', () => {
  it.each(cases)('$name', async (c) => {
    const h = createHarness({ routes: { timeoutMs: c.timeoutMs ?? 10_000 } })
    const veteran = { userId: 'veteran', connectionId: (await h.connection('veteran')).id }
    const calls = h.upstreamCalls('POST', '/auth/connect-token')
    h.mock.faults.add({ route: 'POST /auth/connect-token', ...c.fault })
    const response = await h.request('POST', '/connect-token', { user: 'veteran', body: {} })
    const error = await errorOf(response)
    h.mock.faults.clear()
    const after = await audit(h, [veteran])
    record({
      category: 'fault',
      name: `connect-token: ${c.name}`,
      injected: h.faultsInjected(),
      tokensLost: after.tokensLost,
      orphaned: 0,
      inconsistent: after.inconsistent,
    })

    expect(response.status).toBe(c.status)
    expect(h.upstreamCalls('POST', '/auth/connect-token') - calls).toBe(c.calls)
    if (c.code) {
      expect(error?.code).toBe(c.code)
      expect(error?.message.length).toBeGreaterThan(10)
      // No state and no binding cookie are handed out for a flow that cannot start.
      expect(response.headers.getSetCookie()).toEqual([])
    }
    expect(after).toMatchObject({ tokensLost: 0, inconsistent: 0, records: 1 })
    // Once Pelm is back, the flow starts.
    expect((await h.request('POST', '/connect-token', { user: 'veteran', body: {} })).status).toBe(
      200,
    )
  })
})
