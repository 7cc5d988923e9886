import type { FaultRule } from '@acme/pelm-mock'
import type { ExchangeResponse } from '@acme/pelm-server/hono'
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
    // A user connected before the fault reconnects during it (Connect in update mode, the same
    // Pelm user); a newcomer connects for the first time.
    const veteran = { userId: 'veteran', connectionId: (await h.connection('veteran')).id }
    const issuedBefore = issuedTokens(h)
    const flows = await Promise.all([
      h.flow('veteran', { body: { connectionId: veteran.connectionId } }),
      h.flow('newcomer'),
    ])
    const users = ['veteran', 'newcomer']
    const calls = h.upstreamCalls('POST', '/auth/token')
    const undo = h.mock.faults.add({ route: 'POST /auth/token', ...c.fault })
    const answers = await Promise.all(
      flows.map(async ({ state, cookie, code }, index) => {
        const user = users[index] ?? ''
        const response = await h.exchange(user, { code, state }, cookie)
        const body =
          response.status === 200
            ? ((await response.clone().json()) as ExchangeResponse)
            : undefined
        return {
          user,
          status: response.status,
          error: await errorOf(response),
          connectionId: body?.connection.id,
        }
      }),
    )
    undo()
    // Let a slow sandbox finish the work it was still doing when the app gave up.
    await new Promise((resolve) => setTimeout(resolve, (c.fault.latencyMs ?? 0) + 20))
    const confirmed = answers.flatMap(({ user, connectionId }) =>
      connectionId === undefined ? [] : [{ userId: user, connectionId }],
    )
    const after = await audit(h, [veteran, ...confirmed], issuedBefore)
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
    // The reconnect renews the veteran's connection: same id.
    if (c.status === 200) expect(answers[0]?.connectionId).toBe(veteran.connectionId)
    // Never retried: one /auth/token call per exchange.
    expect(h.upstreamCalls('POST', '/auth/token') - calls).toBe(users.length)
    expect(after).toMatchObject({ tokensLost: 0, inconsistent: 0 })
    // Both can start again and finish once Pelm is back.
    await h.connection('veteran', { body: { connectionId: veteran.connectionId } })
    await h.connection('newcomer')
    expect((await audit(h, [veteran])).inconsistent).toBe(0)
  })
})
