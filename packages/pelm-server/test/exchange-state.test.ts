import { describe, expect, it } from 'vitest'
import { memoryReplayStore } from '../src/replay-stores/memory'
import { createStateSigner, newBrowserBinding } from '../src/state'
import { BINDING_COOKIE, codeFor, errorOf, type Harness, harness } from './harness'

/** A refusal: the status and code, no cookie touched (other tabs still need the binding). */
async function expectRefused(response: Response, status: number, code: string) {
  expect(response.status).toBe(status)
  expect(await errorOf(response)).toMatchObject({ code })
  expect(response.headers.getSetCookie()).toEqual([])
}

const tokenCalls = (h: Harness) => h.upstreamCalls('POST', '/auth/token')

/** `state` with one of its dot-separated parts replaced. */
const withPart = (state: string, index: number, value: string) =>
  state
    .split('.')
    .map((part, at) => (at === index ? value : part))
    .join('.')

describe('POST /exchange: state checks (each refused before Pelm is called)', () => {
  it('prevents login CSRF when the binding cookie is missing or malformed', async () => {
    const h = harness()
    const { state, connectUrl } = await h.start('alice')
    const code = codeFor(h.mock, connectUrl)
    await expectRefused(await h.exchange('alice', { code, state }), 400, 'state_missing')
    const forged = `${BINDING_COOKIE}=not-a-binding`
    await expectRefused(await h.exchange('alice', { code, state }, forged), 400, 'state_missing')
    expect(tokenCalls(h)).toBe(0)
  })

  it('prevents login CSRF when the body state is omitted or empty', async () => {
    const h = harness()
    const { cookie, connectUrl } = await h.start('alice')
    const code = codeFor(h.mock, connectUrl)
    await expectRefused(await h.exchange('alice', { code }, cookie), 400, 'state_missing')
    await expectRefused(
      await h.exchange('alice', { code, state: '' }, cookie),
      400,
      'state_missing',
    )
    await expectRefused(
      await h.exchange('alice', { code, state: null }, cookie),
      400,
      'state_missing',
    )
    expect(tokenCalls(h)).toBe(0)
  })

  it('refuses a malformed state as state_invalid', async () => {
    const h = harness()
    const { state, cookie } = await h.start('alice')
    for (const bad of ['not-a-state', `${state}.x`, withPart(state, 0, '1'), state.slice(0, -1)]) {
      await expectRefused(
        await h.exchange('alice', { code: 'c', state: bad }, cookie),
        403,
        'state_invalid',
      )
    }
    expect(tokenCalls(h)).toBe(0)
  })

  it('refuses an altered state as state_mismatch: its MAC, its connection, its mode', async () => {
    const h = harness()
    const { state, cookie } = await h.start('alice')
    const other = await h.connectWithCode('alice')
    const mac = state.split('.')[5] ?? ''
    const altered = [
      withPart(state, 5, `${mac.at(0) === 'A' ? 'B' : 'A'}${mac.slice(1)}`),
      // an existing connection's id swapped in: it would renew someone's connection
      withPart(state, 2, other.id),
      // a new connection turned into a reconnect
      withPart(state, 4, 'r'),
    ]
    const before = tokenCalls(h)
    for (const bad of altered) {
      await expectRefused(
        await h.exchange('alice', { code: 'c', state: bad }, cookie),
        403,
        'state_mismatch',
      )
    }
    expect(tokenCalls(h)).toBe(before)
  })

  it('refuses a state signed with another secret as state_mismatch', async () => {
    const h = harness()
    const binding = newBrowserBinding()
    const forged = createStateSigner({ secret: 'x'.repeat(32) }).issue({
      binding,
      userId: 'alice',
      connectionId: 'conn_1',
      reconnect: false,
    })
    const cookie = `${BINDING_COOKIE}=${binding}`
    const response = await h.exchange('alice', { code: 'c', state: forged.state }, cookie)
    await expectRefused(response, 403, 'state_mismatch')
  })

  it('refuses a state issued to another user (cross-user) as state_mismatch', async () => {
    const h = harness()
    // Mallory starts a flow and plants her state and binding in Alice's signed-in browser.
    const mallory = await h.start('mallory')
    const code = codeFor(h.mock, mallory.connectUrl)
    const response = await h.exchange('alice', { code, state: mallory.state }, mallory.cookie)
    await expectRefused(response, 403, 'state_mismatch')
    expect(tokenCalls(h)).toBe(0)
    expect(await h.connectionStore.list('alice')).toEqual([])
  })

  it('refuses a state older than 30 minutes as state_expired', async () => {
    let time = Date.now()
    const h = harness({ now: () => time })
    const { state, cookie, connectUrl } = await h.start('alice')
    time += 30 * 60_000 + 1000
    await expectRefused(
      await h.exchange('alice', { code: codeFor(h.mock, connectUrl), state }, cookie),
      400,
      'state_expired',
    )
    expect(tokenCalls(h)).toBe(0)
  })
})

describe('POST /exchange: single use', () => {
  it('refuses a replayed state and code as state_used, changing nothing', async () => {
    const h = harness()
    const { state, cookie, connectUrl } = await h.start('alice')
    const code = codeFor(h.mock, connectUrl)
    expect((await h.exchange('alice', { code, state }, cookie)).status).toBe(200)
    const stored = await h.connectionStore.list('alice')

    await expectRefused(await h.exchange('alice', { code, state }, cookie), 409, 'state_used')
    // a fresh state does not make the code usable again
    const fresh = await h.start('alice', {}, cookie)
    await expectRefused(
      await h.exchange('alice', { code, state: fresh.state }, cookie),
      409,
      'state_used',
    )

    expect(tokenCalls(h)).toBe(1)
    expect(await h.connectionStore.list('alice')).toEqual(stored)
    expect(h.connected).toHaveLength(1)
  })

  it('spends the state even when Pelm refuses the code', async () => {
    const h = harness()
    const { state, cookie, connectUrl } = await h.start('alice')
    await expectRefused(
      await h.exchange('alice', { code: 'code_unknown', state }, cookie),
      400,
      'code_invalid',
    )
    await expectRefused(
      await h.exchange('alice', { code: codeFor(h.mock, connectUrl), state }, cookie),
      409,
      'state_used',
    )
    expect(tokenCalls(h)).toBe(1)
  })

  it('exchanges concurrent duplicates once and gives each the same success', async () => {
    const h = harness()
    const { state, cookie, connectUrl } = await h.start('alice')
    const code = codeFor(h.mock, connectUrl)
    const answers = await Promise.all(
      [1, 2, 3].map(() => h.exchange('alice', { code, state }, cookie)),
    )
    expect(answers.map((answer) => answer.status)).toEqual([200, 200, 200])
    const bodies = await Promise.all(answers.map((answer) => answer.json()))
    expect(bodies[0]).toMatchObject({ connected: true, connection: { status: 'active' } })
    expect(bodies).toEqual([bodies[0], bodies[0], bodies[0]])
    expect(tokenCalls(h)).toBe(1)
    expect(h.upstreamCalls('GET', '/users/')).toBe(1)
    expect(await h.connectionStore.list('alice')).toHaveLength(1)
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
    expect(tokenCalls(h)).toBe(1)
  })

  it('refuses another user submitting the same code concurrently', async () => {
    const h = harness()
    const alice = await h.start('alice')
    const mallory = await h.start('mallory')
    const code = codeFor(h.mock, alice.connectUrl)
    const [forAlice, forMallory] = await Promise.all([
      h.exchange('alice', { code, state: alice.state }, alice.cookie),
      h.exchange('mallory', { code, state: mallory.state }, mallory.cookie),
    ])
    expect(forAlice.status).toBe(200)
    await expectRefused(forMallory, 409, 'state_used')
    expect(await h.connectionStore.list('mallory')).toEqual([])
    expect(tokenCalls(h)).toBe(1)
  })

  it('shares single use across two instances through a shared replay store', async () => {
    const replayStore = memoryReplayStore()
    const first = harness({ replayStore })
    const second = harness({ replayStore, connectionStore: first.connectionStore }, first.mock)
    const { state, cookie, connectUrl } = await first.start('alice')
    const code = codeFor(first.mock, connectUrl)
    expect((await first.exchange('alice', { code, state }, cookie)).status).toBe(200)
    await expectRefused(await second.exchange('alice', { code, state }, cookie), 409, 'state_used')
    expect(tokenCalls(first)).toBe(1)
  })
})
