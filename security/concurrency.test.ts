import { describe, expect, it } from 'vitest'
import { createHarness, type Harness } from './harness/app'
import { record } from './harness/tally'

// 200 users finish the exchange at the same moment: 200 records, each holding the token Pelm gave
// that user; none lost, none crossed between users.

const USERS = 200

async function connectAll(h: Harness) {
  const users = Array.from({ length: USERS }, (_, index) => `parallel-${index}`)
  // Every flow is started and every code issued first, so the exchanges really overlap.
  const flows = await Promise.all(
    users.map(async (user) => ({ user, ...(await h.start(user)), code: h.codeFor(user) })),
  )
  h.mock.faults.add({ route: 'POST /auth/token', latencyMs: 20 })
  const statuses = await Promise.all(
    flows.map(({ user, code, state, cookie }) =>
      h.exchange(user, { code, state }, cookie).then((response) => response.status),
    ),
  )
  const tokens = new Map<string, string>()
  let crossed = 0
  for (const user of users) {
    const stored = await h.tokens.get(user)
    if (!stored) continue
    tokens.set(user, stored.accessToken)
    if (h.mock.store.findByAccessToken(stored.accessToken)?.userId !== user) crossed += 1
  }
  const lost = users.filter((user, index) => statuses[index] === 200 && !tokens.has(user)).length
  return { users, statuses, tokens, crossed, lost }
}

describe('concurrency', () => {
  it.each(['memory', 'encrypted'] as const)(
    '%s store: 200 users completing the exchange in parallel',
    async (store) => {
      const h = createHarness({ store })
      const { statuses, tokens, crossed, lost } = await connectAll(h)
      record({
        category: 'concurrency',
        name: `${USERS} parallel exchanges (${store === 'memory' ? 'memory' : 'encrypted unstorage'} store)`,
        users: USERS,
        stored: tokens.size,
        lost: lost + (USERS - statuses.filter((status) => status === 200).length),
        crossed,
      })
      expect(statuses.every((status) => status === 200)).toBe(true)
      expect(tokens.size).toBe(USERS)
      expect(new Set(tokens.values()).size).toBe(USERS)
      expect(crossed).toBe(0)
      expect(lost).toBe(0)
      expect(h.upstreamCalls('/auth/token')).toBe(USERS)
    },
  )
})
