import { describe, expect, it } from 'vitest'
import { createStateSigner } from '../state'
import { codeFor, errorOf, harness } from './test-support'

async function expectRefused(response: Response, status: number, code: string) {
  expect(response.status).toBe(status)
  expect(await errorOf(response)).toMatchObject({ code })
  // whatever the outcome, the state cookie is cleared
  expect(response.headers.getSetCookie().join()).toMatch(/pelm_state=;.*Max-Age=0/)
}

describe('POST /exchange: state checks (each refused before Pelm is called)', () => {
  it('prevents login CSRF when the state cookie is missing', async () => {
    const h = harness()
    const { state } = await h.start('alice')
    await expectRefused(
      await h.exchange('alice', { code: codeFor(h.mock, 'alice'), state }),
      400,
      'state_missing',
    )
    expect(h.tokenCalls()).toBe(0)
  })

  it('prevents login CSRF when the body state is omitted', async () => {
    const h = harness()
    const { cookie } = await h.start('alice')
    await expectRefused(
      await h.exchange('alice', { code: codeFor(h.mock, 'alice') }, cookie),
      400,
      'state_missing',
    )
    await expectRefused(
      await h.exchange('alice', { code: 'c', state: '' }, cookie),
      400,
      'state_missing',
    )
    expect(h.tokenCalls()).toBe(0)
  })

  it('refuses a tampered or malformed cookie as state_invalid', async () => {
    const h = harness()
    const { state, cookie } = await h.start('alice')
    const flipped = cookie.slice(0, -3) + (cookie.at(-3) === 'A' ? 'B' : 'A') + cookie.slice(-2)
    await expectRefused(
      await h.exchange('alice', { code: 'c', state }, flipped),
      403,
      'state_invalid',
    )
    await expectRefused(
      await h.exchange('alice', { code: 'c', state }, 'pelm_state=not-a-state'),
      403,
      'state_invalid',
    )
    expect(h.tokenCalls()).toBe(0)
  })

  it('refuses a cookie signed with another secret as state_invalid', async () => {
    const h = harness()
    const forged = await createStateSigner({ secret: 'x'.repeat(32) }).issue({ userId: 'alice' })
    const response = await h.exchange(
      'alice',
      { code: 'c', state: forged.state },
      `pelm_state=${forged.cookieValue}`,
    )
    await expectRefused(response, 403, 'state_invalid')
  })

  it('refuses a body state that is not the cookie’s as state_mismatch', async () => {
    const h = harness()
    const first = await h.start('alice')
    const second = await h.start('alice')
    const response = await h.exchange(
      'alice',
      { code: codeFor(h.mock, 'alice'), state: first.state },
      second.cookie,
    )
    await expectRefused(response, 403, 'state_mismatch')
    expect(h.tokenCalls()).toBe(0)
  })

  it('refuses a state issued to another user (cross-user) as state_user_mismatch', async () => {
    const h = harness()
    // Mallory starts a flow and plants her state and cookie in Alice's signed-in browser.
    const mallory = await h.start('mallory')
    const response = await h.exchange(
      'alice',
      { code: codeFor(h.mock, 'mallory'), state: mallory.state },
      mallory.cookie,
    )
    await expectRefused(response, 403, 'state_user_mismatch')
    expect(h.tokenCalls()).toBe(0)
    expect(await h.tokenStore.get('alice')).toBeUndefined()
  })

  it('refuses a state older than 30 minutes as state_expired', async () => {
    let time = Date.now()
    const h = harness({ now: () => time })
    const { state, cookie } = await h.start('alice')
    time += 30 * 60_000 + 1
    await expectRefused(
      await h.exchange('alice', { code: codeFor(h.mock, 'alice'), state }, cookie),
      400,
      'state_expired',
    )
    expect(h.tokenCalls()).toBe(0)
  })
})

describe('POST /exchange: single use', () => {
  it('refuses a replayed state and code as state_used, changing nothing', async () => {
    const h = harness()
    const { state, cookie } = await h.start('alice')
    const code = codeFor(h.mock, 'alice')
    expect((await h.exchange('alice', { code, state }, cookie)).status).toBe(200)
    const stored = await h.tokenStore.get('alice')

    await expectRefused(await h.exchange('alice', { code, state }, cookie), 409, 'state_used')
    // a fresh state does not make the code usable again
    const fresh = await h.start('alice')
    await expectRefused(
      await h.exchange('alice', { code, state: fresh.state }, fresh.cookie),
      409,
      'state_used',
    )

    expect(h.tokenCalls()).toBe(1)
    expect(await h.tokenStore.get('alice')).toEqual(stored)
    expect(h.connected).toHaveLength(1)
  })

  it('spends the state even when Pelm refuses the code', async () => {
    const h = harness()
    const { state, cookie } = await h.start('alice')
    await expectRefused(
      await h.exchange('alice', { code: 'code_unknown', state }, cookie),
      400,
      'code_invalid',
    )
    await expectRefused(
      await h.exchange('alice', { code: codeFor(h.mock, 'alice'), state }, cookie),
      409,
      'state_used',
    )
    expect(h.tokenCalls()).toBe(1)
  })

  it('exchanges concurrent duplicates once and gives both the same success', async () => {
    const h = harness()
    const { state, cookie } = await h.start('alice')
    const code = codeFor(h.mock, 'alice')
    const answers = await Promise.all(
      [1, 2, 3].map(() => h.exchange('alice', { code, state }, cookie)),
    )
    expect(answers.map((answer) => answer.status)).toEqual([200, 200, 200])
    expect(await Promise.all(answers.map((answer) => answer.json()))).toEqual([
      { connected: true },
      { connected: true },
      { connected: true },
    ])
    expect(h.tokenCalls()).toBe(1)
    expect(h.connected).toHaveLength(1)
    expect(h.events.filter((event) => event.event === 'exchange.joined')).toHaveLength(2)
  })

  it('gives concurrent duplicates the same failure too', async () => {
    const h = harness()
    const { state, cookie } = await h.start('alice')
    const answers = await Promise.all(
      [1, 2].map(() => h.exchange('alice', { code: 'code_unknown', state }, cookie)),
    )
    expect(await Promise.all(answers.map(errorOf))).toEqual([
      expect.objectContaining({ code: 'code_invalid', upstreamCode: 'parameter_invalid' }),
      expect.objectContaining({ code: 'code_invalid', upstreamCode: 'parameter_invalid' }),
    ])
    expect(h.tokenCalls()).toBe(1)
  })

  it('refuses another user submitting the same code concurrently', async () => {
    const h = harness()
    const alice = await h.start('alice')
    const mallory = await h.start('mallory')
    const code = codeFor(h.mock, 'alice')
    const [forAlice, forMallory] = await Promise.all([
      h.exchange('alice', { code, state: alice.state }, alice.cookie),
      h.exchange('mallory', { code, state: mallory.state }, mallory.cookie),
    ])
    expect(forAlice.status).toBe(200)
    await expectRefused(forMallory, 409, 'state_used')
    expect(await h.tokenStore.get('mallory')).toBeUndefined()
    expect(h.tokenCalls()).toBe(1)
  })

  it('shares single use across two instances through a shared replay store', async () => {
    const { memoryReplayStore } = await import('../replay-stores/memory')
    const replayStore = memoryReplayStore()
    const first = harness({ replayStore })
    const second = harness({ replayStore }, first.mock)
    const { state, cookie } = await first.start('alice')
    const code = codeFor(first.mock, 'alice')
    expect((await first.exchange('alice', { code, state }, cookie)).status).toBe(200)
    await expectRefused(await second.exchange('alice', { code, state }, cookie), 409, 'state_used')
    expect(first.tokenCalls()).toBe(1)
  })
})
