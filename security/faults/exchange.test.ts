import type { FaultRule } from '@acme/pelm-mock'
import { describe, expect, it } from 'vitest'
import { createHarness, errorOf } from '../harness/app'
import { audit, issuedTokens } from '../harness/audit'
import { findSecrets, secretNeedles } from '../harness/secrets'
import { record } from '../harness/tally'

// Faults on Pelm's /auth/token during POST /exchange. A code must not be sent twice (it may have
// reached Pelm), so nothing is retried; the user gets a clear error and starts again; the store
// keeps what it had and never holds a token Pelm did not give that user.

interface Case {
  name: string
  fault: Omit<FaultRule, 'route'>
  status: number
  code?: string
  upstreamCode?: string
  timeoutMs?: number
}

const cases: Case[] = [
  { name: 'Pelm slow (within the timeout)', fault: { latencyMs: 60 }, status: 200 },
  {
    name: 'Pelm slow (past the timeout)',
    fault: { latencyMs: 2_500 },
    timeoutMs: 1_000,
    status: 504,
    code: 'upstream_timeout',
  },
  {
    name: 'Pelm down (connection refused before handling)',
    fault: { drop: 'before' },
    status: 502,
    code: 'upstream_error',
  },
  {
    name: 'Pelm 500',
    fault: { status: 500 },
    status: 502,
    code: 'upstream_error',
    upstreamCode: 'internal_error',
  },
  { name: 'Pelm 502', fault: { status: 502 }, status: 502, code: 'upstream_error' },
  { name: 'Pelm 503', fault: { status: 503 }, status: 502, code: 'upstream_error' },
  {
    name: 'malformed JSON',
    fault: { status: 200, body: '{"access_token": "tok' },
    status: 502,
    code: 'upstream_error',
  },
  {
    name: 'a 200 without access_token',
    fault: { status: 200, body: '{"token":"x"}' },
    status: 502,
    code: 'upstream_error',
  },
  {
    name: 'connection dropped mid-exchange',
    fault: { drop: 'after' },
    status: 502,
    code: 'upstream_error',
  },
  {
    name: 'data_unavailable',
    fault: { status: 500, errorCode: 'data_unavailable' },
    status: 502,
    code: 'upstream_error',
    upstreamCode: 'data_unavailable',
  },
  {
    name: 'Pelm refuses the code',
    fault: { status: 400, errorCode: 'parameter_invalid' },
    status: 400,
    code: 'code_invalid',
    upstreamCode: 'parameter_invalid',
  },
  {
    name: 'Pelm rejects the credentials',
    fault: { status: 401, errorCode: 'credentials_invalid' },
    status: 500,
    code: 'misconfigured',
  },
]

describe('faults on Pelm during POST /exchange', () => {
  it.each(cases)('$name', async (c) => {
    const h = createHarness({ routes: { timeoutMs: c.timeoutMs ?? 10_000 } })
    // A user connected before the fault reconnects during it; a newcomer connects for the first time.
    expect((await h.connect('veteran')).status).toBe(200)
    const issuedBefore = issuedTokens(h)
    const users = ['veteran', 'newcomer']
    const flows = await Promise.all(users.map(async (user) => ({ user, ...(await h.start(user)) })))
    const calls = h.upstreamCalls('/auth/token')
    const undo = h.mock.faults.add({ route: 'POST /auth/token', ...c.fault })
    const answers = await Promise.all(
      flows.map(async ({ user, state, cookie }) => {
        const response = await h.exchange(user, { code: h.codeFor(user), state }, cookie)
        return { user, status: response.status, error: await errorOf(response) }
      }),
    )
    undo()
    // Let a slow sandbox finish the work it was still doing when the app gave up.
    await new Promise((resolve) => setTimeout(resolve, (c.fault.latencyMs ?? 0) + 20))
    const confirmed = answers.filter((answer) => answer.status === 200).map((answer) => answer.user)
    const after = await audit(h, ['veteran', ...confirmed], issuedBefore)
    record({
      category: 'fault',
      name: `exchange: ${c.name}`,
      injected: h.faultsInjected(),
      tokensLost: after.tokensLost,
      orphaned: after.orphaned,
      inconsistent: after.inconsistent,
    })

    for (const answer of answers) {
      expect(answer.status).toBe(c.status)
      if (c.code) {
        expect(answer.error?.code).toBe(c.code)
        expect(answer.error?.message.length).toBeGreaterThan(10)
        expect(findSecrets(answer.error?.message ?? '', secretNeedles(h.secrets))).toEqual([])
      }
    }
    // Never retried: one /auth/token call per exchange.
    expect(h.upstreamCalls('/auth/token') - calls).toBe(users.length)
    expect(after).toMatchObject({ tokensLost: 0, inconsistent: 0 })
    // The newcomer can start again and connect once Pelm is back.
    expect((await h.connect('newcomer')).status).toBe(200)
    expect((await audit(h, ['veteran', 'newcomer'])).inconsistent).toBe(0)
  })
})
