import type { ExchangeResponse } from '@acme/pelm-server/hono'
import { describe, expect, it } from 'vitest'
import { createHarness, type Flow, type Harness } from './harness/app'
import { record } from './harness/tally'

// 200 users finish the exchange at the same moment: 200 records, each holding the token Pelm gave
// that user's connection; none lost, none crossed between users. And one person with 50 tabs
// open finishes Connect in all of them at once: 50 connections, each with its own token.

const USERS = 200
const TABS = 50

/** Exchanges every flow at once (Pelm a little slow, so they overlap); audits what was stored. */
async function exchangeAll(h: Harness, flows: { user: string; flow: Flow }[]) {
  h.mock.faults.add({ route: 'POST /auth/token', latencyMs: 20 })
  const answers = await Promise.all(
    flows.map(async ({ user, flow }) => {
      const response = await h.exchange(user, { code: flow.code, state: flow.state }, flow.cookie)
      const body = response.ok ? ((await response.json()) as ExchangeResponse) : undefined
      return { user, status: response.status, connectionId: body?.connection.id }
    }),
  )
  const tokens = new Set<string>()
  let stored = 0
  let crossed = 0
  let lost = 0
  for (const { user, status, connectionId } of answers) {
    const found = connectionId === undefined ? undefined : await h.store.get(user, connectionId)
    if (status !== 200 || !found) {
      lost += 1
      continue
    }
    stored += 1
    tokens.add(found.accessToken)
    if (h.mock.store.findByAccessToken(found.accessToken)?.userId !== found.pelmUserId) crossed += 1
  }
  return { answers, stored, crossed, lost, distinctTokens: tokens.size }
}

describe('concurrency', () => {
  it.each(['memory', 'encrypted'] as const)(
    '%s store: 200 users completing the exchange in parallel',
    async (store) => {
      const h = createHarness({ store })
      const users = Array.from({ length: USERS }, (_, index) => `parallel-${index}`)
      // Every flow is started and every code issued first, so the exchanges really overlap.
      const flows = await Promise.all(
        users.map(async (user) => ({ user, flow: await h.flow(user) })),
      )
      const { stored, crossed, lost, distinctTokens } = await exchangeAll(h, flows)
      record({
        category: 'concurrency',
        name: `${USERS} parallel exchanges (${store === 'memory' ? 'memory' : 'encrypted unstorage'} store)`,
        users: USERS,
        stored,
        lost,
        crossed,
      })
      expect({ stored, lost, crossed, distinctTokens }).toEqual({
        stored: USERS,
        lost: 0,
        crossed: 0,
        distinctTokens: USERS,
      })
      expect(h.upstreamCalls('POST', '/auth/token')).toBe(USERS)
    },
  )

  it(`one browser: ${TABS} tabs finishing Connect at once`, async () => {
    const h = createHarness()
    const first = await h.flow('alice')
    // Every other tab of the same browser prefetched its own Connect URL with the same binding.
    const others = await Promise.all(
      Array.from({ length: TABS - 1 }, () => h.flow('alice', { cookie: first.cookie })),
    )
    const flows = [first, ...others].map((flow) => ({ user: 'alice', flow }))
    expect(new Set(flows.map(({ flow }) => flow.cookie)).size).toBe(1)
    const { stored, crossed, lost, distinctTokens } = await exchangeAll(h, flows)
    record({
      category: 'concurrency',
      name: `${TABS} tabs of one browser exchanging at once`,
      users: TABS,
      stored,
      lost,
      crossed,
    })
    expect({ stored, lost, crossed, distinctTokens }).toEqual({
      stored: TABS,
      lost: 0,
      crossed: 0,
      distinctTokens: TABS,
    })
    expect(await h.store.list('alice')).toHaveLength(TABS)
  })
})
