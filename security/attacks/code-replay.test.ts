import { describe, expect, it } from 'vitest'
import { createHarness, errorOf, type Harness } from '../harness/app'
import { tryAttack } from '../harness/attack'
import { record } from '../harness/tally'

// RFC 6749 §4.1.2 and §10.5, RFC 9700 §4.5: an authorization code is used at most once, and
// concurrent callbacks with one code must not produce two exchanges.

const DUPLICATES = 20

/** Submits one code `DUPLICATES` times at once; answers the statuses and error codes. */
async function submitConcurrently(h: Harness, submissions: (() => Promise<Response>)[]) {
  // Pelm answers slowly, so every submission arrives while the first exchange is in flight.
  h.mock.faults.add({ route: 'POST /auth/token', latencyMs: 50 })
  const responses = await Promise.all(submissions.map((submit) => submit()))
  return Promise.all(
    responses.map(async (response) => ({
      status: response.status,
      code: (await errorOf(response))?.code,
    })),
  )
}

function recordDuplicates(h: Harness, name: string) {
  const extraExchanges = Math.max(0, h.upstreamCalls('POST', '/auth/token') - 1)
  const extraRecords = Math.max(0, h.store.writes.length - 1)
  record({
    category: 'attack',
    name,
    tried: DUPLICATES - 1,
    rejected: DUPLICATES - 1 - Math.max(extraExchanges, extraRecords),
  })
}

describe('authorization code replay', () => {
  it('refuses a code replayed after a successful exchange', async () => {
    const h = createHarness()
    const first = await h.flow('alice')
    const { code } = first
    expect((await h.exchange('alice', { code, state: first.state }, first.cookie)).status).toBe(200)
    const again = await h.start('alice')
    const mallory = await h.start('mallory')
    const failures = await tryAttack(h, 'code replayed after success', [
      {
        label: 'same code, same state and cookie',
        send: () => h.exchange('alice', { code, state: first.state }, first.cookie),
        code: 'state_used',
      },
      {
        label: 'same code, a fresh state of the same user',
        send: () => h.exchange('alice', { code, state: again.state }, again.cookie),
        code: 'state_used',
      },
      {
        label: 'same code, another user’s fresh state',
        send: () => h.exchange('mallory', { code, state: mallory.state }, mallory.cookie),
        code: 'state_used',
      },
    ])
    expect(failures).toEqual([])
    expect(h.upstreamCalls('POST', '/auth/token')).toBe(1)
    expect(h.store.writes).toHaveLength(1)
  })

  it('exchanges once when one browser submits a code 20 times at once', async () => {
    const h = createHarness()
    const { state, cookie, code } = await h.flow('alice')
    const answers = await submitConcurrently(
      h,
      Array.from({ length: DUPLICATES }, () => () => h.exchange('alice', { code, state }, cookie)),
    )
    recordDuplicates(h, '20 concurrent submissions of one code (one browser)')
    expect(h.upstreamCalls('POST', '/auth/token')).toBe(1)
    expect(h.store.writes).toHaveLength(1)
    // Duplicates of the same browser join the exchange in flight and share its success.
    expect(answers.every((answer) => answer.status === 200 || answer.code === 'state_used')).toBe(
      true,
    )
    expect(answers.filter((answer) => answer.status === 200).length).toBeGreaterThanOrEqual(1)
    const [record] = await h.store.list('alice')
    expect(h.mock.store.findByAccessToken(record?.accessToken ?? '')?.userId).toBe(
      record?.pelmUserId,
    )
  })

  it('exchanges once when 20 sessions race one code, each with its own valid state', async () => {
    const h = createHarness()
    const users = Array.from({ length: DUPLICATES }, (_, index) => `racer-${index}`)
    const flows = await Promise.all(users.map(async (user) => ({ user, ...(await h.flow(user)) })))
    const code = flows[0]?.code
    const answers = await submitConcurrently(
      h,
      flows.map(
        ({ user, state, cookie }) =>
          () =>
            h.exchange(user, { code, state }, cookie),
      ),
    )
    recordDuplicates(h, '20 concurrent submissions of one code (20 sessions)')
    expect(h.upstreamCalls('POST', '/auth/token')).toBe(1)
    expect(h.store.writes).toHaveLength(1)
    expect(answers.filter((answer) => answer.status === 200)).toHaveLength(1)
    expect(answers.filter((answer) => answer.code === 'state_used')).toHaveLength(DUPLICATES - 1)
  })
})
