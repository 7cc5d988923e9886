import type { FaultRule } from '@acme/pelm-mock'
import {
  type PelmError,
  PelmInvalidResponseError,
  PelmTimeoutError,
  PelmUnavailableError,
} from '@acme/pelm-server'
import { describe, expect, it } from 'vitest'
import { sandboxClient } from '../../packages/pelm-server/test/sandbox-client'
import { createHarness } from '../harness/app'
import { audit } from '../harness/audit'
import { record } from '../harness/tally'

// Faults on Pelm's data endpoints after a connection. Reading data has no side effect, so
// transient failures and `data_unavailable` (data still loading) are retried with backoff; the
// stored connection survives every failure.

type Call = 'accounts' | 'bills' | 'intervals'

interface Case {
  name: string
  route: string
  fault: Omit<FaultRule, 'route'>
  call: Call
  /** `data`, or the error class expected. */
  outcome: 'data' | (abstract new (...args: never[]) => PelmError)
  calls: number
  timeoutMs?: number
}

const cases: Case[] = [
  {
    name: 'data_unavailable twice, then the data',
    route: 'GET /accounts',
    fault: { status: 500, errorCode: 'data_unavailable', times: 2 },
    call: 'accounts',
    outcome: 'data',
    calls: 3,
  },
  {
    name: 'data_unavailable throughout',
    route: 'GET /accounts',
    fault: { status: 500, errorCode: 'data_unavailable' },
    call: 'accounts',
    outcome: PelmUnavailableError,
    calls: 4,
  },
  {
    name: 'Pelm 503 once, then the data',
    route: 'GET /bills',
    fault: { status: 503, times: 1 },
    call: 'bills',
    outcome: 'data',
    calls: 2,
  },
  {
    name: 'Pelm down once (dropped before)',
    route: 'GET /intervals',
    fault: { drop: 'before', times: 1 },
    call: 'intervals',
    outcome: 'data',
    calls: 2,
  },
  {
    name: 'connection dropped mid-answer once',
    route: 'GET /intervals',
    fault: { drop: 'after', times: 1 },
    call: 'intervals',
    outcome: 'data',
    calls: 2,
  },
  {
    name: 'malformed JSON',
    route: 'GET /bills',
    fault: { status: 200, body: '[{"account_id":' },
    call: 'bills',
    outcome: PelmInvalidResponseError,
    calls: 1,
  },
  {
    name: 'Pelm slow (past the timeout)',
    route: 'GET /accounts',
    fault: { latencyMs: 2_500 },
    timeoutMs: 1_000,
    call: 'accounts',
    outcome: PelmTimeoutError,
    calls: 1,
  },
  {
    name: 'Pelm 500 throughout',
    route: 'GET /accounts',
    fault: { status: 500 },
    call: 'accounts',
    outcome: PelmUnavailableError,
    calls: 1,
  },
]

describe('faults on Pelm’s data endpoints', () => {
  it.each(cases)('$name', async (c) => {
    const h = createHarness()
    const alice = { userId: 'alice', connectionId: (await h.connection('alice')).id }
    const accessToken = (await h.store.get('alice', alice.connectionId))?.accessToken ?? ''
    const { client } = sandboxClient(
      {
        timeoutMs: c.timeoutMs ?? 10_000,
        retry: { retries: 2, baseDelayMs: 1, maxDelayMs: 5 },
        dataRetry: { retries: 3, baseDelayMs: 1, maxDelayMs: 5 },
      },
      h.mock,
    )
    const [account] = await client.getAccounts(accessToken)
    const accountId = account?.id ?? ''
    const path = `/${c.call}`
    const before = h.upstreamCalls('GET', path)
    h.mock.faults.add({ route: c.route, ...c.fault })
    const run = {
      accounts: () => client.getAccounts(accessToken),
      bills: () => client.getBills(accessToken, { accountId }),
      intervals: () => client.getIntervals(accessToken, { accountId, type: 'ELECTRIC' }),
    }[c.call]
    const result = await run().then(
      (data) => ({ data }),
      (error: unknown) => ({ error }),
    )
    h.mock.faults.clear()
    const after = await audit(h, [alice])
    record({
      category: 'fault',
      name: `data: ${c.name}`,
      injected: h.faultsInjected(),
      tokensLost: after.tokensLost,
      orphaned: 0,
      inconsistent: after.inconsistent,
    })

    if (c.outcome === 'data') expect(result).toHaveProperty('data')
    else expect('error' in result && result.error).toBeInstanceOf(c.outcome)
    expect(h.upstreamCalls('GET', path) - before).toBe(c.calls)
    expect(after).toMatchObject({ tokensLost: 0, inconsistent: 0 })
    // The connection still works once Pelm is back.
    await expect(run()).resolves.toBeDefined()
  })

  it('waits for data that is still loading after a first connection (sandbox dataDelayMs)', async () => {
    const h = createHarness({ mock: { dataDelayMs: 200 } })
    const alice = { userId: 'alice', connectionId: (await h.connection('alice')).id }
    const accessToken = (await h.store.get('alice', alice.connectionId))?.accessToken ?? ''
    const { client } = sandboxClient(
      { dataRetry: { retries: 10, baseDelayMs: 50, maxDelayMs: 100 } },
      h.mock,
    )
    const accounts = await client.getAccounts(accessToken).catch((error: unknown) => error)
    const after = await audit(h, [alice])
    const loading = h.upstreamCalls('GET', '/accounts')
    record({
      category: 'fault',
      name: 'data: still loading after the first connection',
      injected: Math.max(0, loading - 1),
      tokensLost: after.tokensLost,
      orphaned: 0,
      inconsistent: after.inconsistent,
    })
    expect(Array.isArray(accounts)).toBe(true)
    expect(loading).toBeGreaterThan(1)
    expect(after.tokensLost).toBe(0)
  })
})
