import type { FaultRule } from '@acme/pelm-mock'
import type { ExchangeResponse } from '@acme/pelm-server/hono'
import { describe, expect, it } from 'vitest'
import { createHarness, errorOf } from '../harness/app'
import { audit } from '../harness/audit'
import { stateParts } from '../harness/states'
import { record } from '../harness/tally'

// Faults on the calls around a connection. Get user after the exchange is best effort: whatever
// Pelm does there, the exchange still stores the token it got (status `unknown` until checked).
// Delete user on disconnect comes before forgetting the record: when Pelm fails, the record stays
// (the person can try again); when Pelm says the User is gone already, it counts as deleted.

interface Case {
  name: string
  fault: Omit<FaultRule, 'route'>
  timeoutMs?: number
}

const getUserCases: Case[] = [
  { name: 'Pelm 500', fault: { status: 500 } },
  { name: 'Pelm 503 throughout', fault: { status: 503 } },
  { name: 'Pelm down (dropped before)', fault: { drop: 'before' } },
  { name: 'malformed JSON', fault: { status: 200, body: '{"id":' } },
  { name: 'a 200 of the wrong shape', fault: { status: 200, body: '{"id":42}' } },
  { name: 'Pelm slow (past the timeout)', fault: { latencyMs: 2_500 }, timeoutMs: 1_000 },
]

describe('faults on Get user during POST /exchange', () => {
  it.each(getUserCases)('$name', async (c) => {
    const h = createHarness({ routes: { timeoutMs: c.timeoutMs ?? 10_000 } })
    const { state, cookie, code } = await h.flow('alice')
    const { connectionId } = stateParts(state)
    h.mock.faults.add({ route: `GET /users/${connectionId}`, ...c.fault })
    const response = await h.exchange('alice', { code, state }, cookie)
    const body = (await response.clone().json()) as ExchangeResponse
    h.mock.faults.clear()
    const after = await audit(h, [{ userId: 'alice', connectionId }])
    record({
      category: 'fault',
      name: `exchange, Get user: ${c.name}`,
      injected: h.faultsInjected(),
      tokensLost: after.tokensLost,
      orphaned: after.orphaned,
      inconsistent: after.inconsistent,
    })
    expect(response.status).toBe(200)
    expect(body.connection).toMatchObject({ id: connectionId, status: 'unknown' })
    expect(after).toEqual({ records: 1, inconsistent: 0, tokensLost: 0, orphaned: 0 })
    // Once Pelm answers again, the list checks it: the connection is active.
    const [listed] = await h.list('alice')
    expect(listed?.status).toBe('active')
  })
})

interface DeleteCase extends Case {
  status: number
  code?: string
  /** Whether the record is gone afterwards. */
  forgotten: boolean
}

const deleteUserCases: DeleteCase[] = [
  {
    name: 'Pelm 503 throughout',
    fault: { status: 503 },
    status: 502,
    code: 'upstream_error',
    forgotten: false,
  },
  {
    name: 'Pelm 500',
    fault: { status: 500 },
    status: 502,
    code: 'upstream_error',
    forgotten: false,
  },
  {
    name: 'Pelm down (dropped before)',
    fault: { drop: 'before' },
    status: 502,
    code: 'upstream_error',
    forgotten: false,
  },
  {
    name: 'Pelm slow, and never handles it (past the timeout)',
    fault: { latencyMs: 2_500, drop: 'before' },
    timeoutMs: 1_000,
    status: 504,
    code: 'upstream_timeout',
    forgotten: false,
  },
  {
    name: 'Pelm slow, and deletes the User after the app gave up',
    fault: { latencyMs: 2_500 },
    timeoutMs: 1_000,
    status: 504,
    code: 'upstream_timeout',
    forgotten: false,
  },
  {
    name: 'Pelm 503 once, then back',
    fault: { status: 503, times: 1 },
    status: 204,
    forgotten: true,
  },
  {
    name: 'Pelm says the User is gone (404)',
    fault: { status: 404, errorCode: 'not_found' },
    status: 204,
    forgotten: true,
  },
  {
    name: 'Pelm no longer takes the token (401 token_invalid)',
    fault: { status: 401, errorCode: 'token_invalid' },
    status: 204,
    forgotten: true,
  },
]

describe('faults on Delete user during DELETE /connections/:id', () => {
  it.each(deleteUserCases)('$name', async (c) => {
    const h = createHarness({ routes: { timeoutMs: c.timeoutMs ?? 10_000 } })
    const kept = await h.connection('alice')
    const target = await h.connection('alice')
    const stored = await h.store.get('alice', target.id)
    h.mock.faults.add({ route: `DELETE /users/${stored?.pelmUserId}`, ...c.fault })
    const response = await h.request('DELETE', `/connections/${target.id}`, { user: 'alice' })
    const error = await errorOf(response)
    h.mock.faults.clear()
    await new Promise((resolve) => setTimeout(resolve, (c.fault.latencyMs ?? 0) + 20))
    expect(response.status).toBe(c.status)
    if (c.code) expect(error?.code).toBe(c.code)
    expect((await h.store.get('alice', target.id)) === undefined).toBe(c.forgotten)
    // A disconnect that failed can be tried again, whatever Pelm did meanwhile.
    if (!c.forgotten) {
      const again = await h.request('DELETE', `/connections/${target.id}`, { user: 'alice' })
      expect(again.status).toBe(204)
      expect(h.mock.store.users.has(stored?.pelmUserId ?? '')).toBe(false)
    }
    // Then the other connection is untouched and nothing stale is left.
    const after = await audit(h, [{ userId: 'alice', connectionId: kept.id }])
    record({
      category: 'fault',
      name: `disconnect, Delete user: ${c.name}`,
      injected: h.faultsInjected(),
      tokensLost: after.tokensLost,
      orphaned: 0,
      inconsistent: after.inconsistent,
    })
    expect(after).toMatchObject({ records: 1, tokensLost: 0, inconsistent: 0 })
  })
})
