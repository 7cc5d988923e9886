import { createStateSigner, STATE_MAX_AGE_MS } from '@acme/pelm-server'
import { describe, expect, it } from 'vitest'
import { createHarness } from '../harness/app'
import { type Attempt, tryAttack } from '../harness/attack'
import { checklist } from '../harness/checklist'
import {
  bindingOf,
  flip,
  randomBinding,
  randomConnectionId,
  stateParts,
  withParts,
} from '../harness/states'

// RFC 6749 §10.12 and RFC 9700 §2.1, §4.7: the state binds the callback to the browser that
// started the flow and to the signed-in user. A state is `2.<nonce>.<connection id>.<expiry>.
// <flow>.<MAC>`, the MAC an HMAC-SHA-256 over the browser's binding cookie, the user id and all
// of that. Every variant below must be refused before Pelm's /auth/token is called.

describe('state attacks on POST /exchange', () => {
  it('refuses a missing state or binding cookie as state_missing', async () => {
    const h = createHarness()
    const { state, cookie, code } = await h.flow('alice')
    const missing = (label: string, body: Record<string, unknown>, sent?: string): Attempt => ({
      label,
      send: () => h.exchange('alice', { code, ...body }, sent),
      code: 'state_missing',
    })
    const failures = await tryAttack(h, 'missing state or binding cookie', [
      missing('no binding cookie', { state }),
      missing('no state in the body', {}, cookie),
      missing('empty state', { state: '' }, cookie),
      missing('null state', { state: null }, cookie),
      missing('empty binding cookie', { state }, 'pelm_binding='),
      missing('binding cookie one character short', { state }, cookie.slice(0, -1)),
      missing('binding cookie one character long', { state }, `${cookie}A`),
      missing('the state as the binding cookie', { state }, `pelm_binding=${state}`),
      missing('binding cookie under another name', { state }, `pelm_state=${bindingOf(cookie)}`),
      missing('neither', {}),
    ])
    expect(failures).toEqual([])
  })

  it('refuses a state in another browser as state_mismatch', async () => {
    const h = createHarness()
    const tab = await h.flow('alice')
    const otherBrowser = await h.start('alice')
    expect(otherBrowser.cookie).not.toBe(tab.cookie)
    const elsewhere = (label: string, sent: string): Attempt => ({
      label,
      send: () => h.exchange('alice', { code: tab.code, state: tab.state }, sent),
      code: 'state_mismatch',
    })
    const failures = await tryAttack(h, 'state from another browser', [
      elsewhere('the same user’s other browser', otherBrowser.cookie),
      elsewhere('a binding the attacker made up', `pelm_binding=${randomBinding()}`),
      elsewhere('the binding with one character changed', flip(tab.cookie, 20)),
      elsewhere(
        'the binding with its last character changed',
        flip(tab.cookie, tab.cookie.length - 1),
      ),
    ])
    expect(failures).toEqual([])
    // The flow is still the person's: their own browser finishes it.
    expect(
      (await h.exchange('alice', { code: tab.code, state: tab.state }, tab.cookie)).status,
    ).toBe(200)
  })

  it('refuses a state issued to another user as state_mismatch', async () => {
    const h = createHarness()
    const alice = await h.flow('alice')
    const mallory = await h.flow('mallory')
    const failures = await tryAttack(h, 'state of another user', [
      {
        label: 'mallory’s state and binding in alice’s session',
        send: () =>
          h.exchange('alice', { code: mallory.code, state: mallory.state }, mallory.cookie),
        code: 'state_mismatch',
      },
      {
        label: 'alice’s state and binding in mallory’s session',
        send: () => h.exchange('mallory', { code: alice.code, state: alice.state }, alice.cookie),
        code: 'state_mismatch',
      },
      {
        label: 'alice’s binding with mallory’s state, in alice’s session',
        send: () => h.exchange('alice', { code: mallory.code, state: mallory.state }, alice.cookie),
        code: 'state_mismatch',
      },
      {
        label: 'mallory’s binding with alice’s state, in alice’s session',
        send: () => h.exchange('alice', { code: alice.code, state: alice.state }, mallory.cookie),
        code: 'state_mismatch',
      },
      {
        label: 'alice’s state and binding, user id differing in case only',
        send: () => h.exchange('Alice', { code: alice.code, state: alice.state }, alice.cookie),
        code: 'state_mismatch',
      },
    ])
    expect(failures).toEqual([])
    // A refusal spends nothing of the victim's: both flows still finish for their owners.
    expect(await h.store.list('alice')).toEqual([])
    for (const [user, flow] of [
      ['alice', alice],
      ['mallory', mallory],
    ] as const) {
      expect(
        (await h.exchange(user, { code: flow.code, state: flow.state }, flow.cookie)).status,
      ).toBe(200)
    }
  })

  it('refuses a forged or altered state', async () => {
    const h = createHarness()
    const { state, cookie, code } = await h.flow('alice', { body: { utilitySlug: 'pge' } })
    const parts = stateParts(state)
    const forged = (label: string, value: string, expected: string | string[]): Attempt => ({
      label,
      send: () => h.exchange('alice', { code, state: value }, cookie),
      code: expected,
    })
    const expiry = (Number.parseInt(parts.expiry, 36) + 3600).toString(36)
    const failures = await tryAttack(h, 'forged or altered state', [
      forged('nonce changed', withParts(state, { nonce: flip(parts.nonce, 3) }), 'state_mismatch'),
      forged('expiry an hour later', withParts(state, { expiry }), 'state_mismatch'),
      forged('expiry far away', withParts(state, { expiry: 'zzzzzzzzzz' }), 'state_mismatch'),
      forged(
        'new connection turned into a reconnect',
        withParts(state, { flow: `r${parts.flow.slice(1)}` }),
        'state_mismatch',
      ),
      forged('utility removed', withParts(state, { flow: 'n' }), 'state_mismatch'),
      forged('utility swapped', withParts(state, { flow: 'nsc2Nl' }), 'state_mismatch'),
      forged('MAC changed', withParts(state, { mac: flip(parts.mac, 10) }), 'state_mismatch'),
      forged(
        'MAC of another state',
        withParts(state, { mac: flip(parts.mac, 42) }),
        'state_mismatch',
      ),
      forged('MAC removed', state.slice(0, state.lastIndexOf('.')), 'state_invalid'),
      forged('MAC empty', withParts(state, { mac: '' }), 'state_invalid'),
      forged('MAC truncated', withParts(state, { mac: parts.mac.slice(0, 32) }), 'state_invalid'),
      forged('extra part', `${state}.extra`, 'state_invalid'),
      forged('version 1', withParts(state, { version: '1' }), 'state_invalid'),
      forged('version 3', withParts(state, { version: '3' }), 'state_invalid'),
      forged('nonce shortened', withParts(state, { nonce: parts.nonce.slice(1) }), 'state_invalid'),
      forged(
        'not base64url',
        withParts(state, { nonce: `${parts.nonce.slice(1)}!` }),
        'state_invalid',
      ),
      forged('padding added', withParts(state, { mac: `${parts.mac}=` }), 'state_invalid'),
      forged('unknown flow', withParts(state, { flow: 'x' }), 'state_invalid'),
      forged('utility not base64url', withParts(state, { flow: 'ns%%' }), 'state_invalid'),
      forged('upper-cased', state.toUpperCase(), ['state_invalid', 'state_mismatch']),
      forged('the binding as the state', bindingOf(cookie), 'state_invalid'),
      forged(
        'a made-up state of the right form',
        withParts(state, { nonce: randomConnectionId(), mac: randomBinding() }),
        'state_mismatch',
      ),
    ])
    expect(failures).toEqual([])
  })

  it('refuses a state whose connection id was swapped (the MAC covers it)', async () => {
    const h = createHarness()
    const own = await h.connection('alice')
    const other = await h.connection('alice')
    const { state, cookie, code } = await h.flow('alice', { body: { connectionId: own.id } })
    const { connectionId } = stateParts(state)
    expect(connectionId).toBe(own.id)
    const swapped = (label: string, id: string): Attempt => ({
      label,
      send: () =>
        h.exchange('alice', { code, state: withParts(state, { connectionId: id }) }, cookie),
      code: 'state_mismatch',
    })
    const failures = await tryAttack(h, 'state with its connection id swapped', [
      swapped('another connection of the same user', other.id),
      swapped('a new random id', randomConnectionId()),
      swapped('the id with one character changed', flip(own.id, 5)),
    ])
    expect(failures).toEqual([])
    // The other connection was not renewed with this flow's token.
    expect((await h.store.get('alice', other.id))?.accessToken).toBe(
      h.store.writes.find((write) => write.record.id === other.id)?.record.accessToken,
    )
  })

  it('refuses a state signed with another key as state_mismatch', async () => {
    const h = createHarness()
    const { state, cookie, code } = await h.flow('alice')
    const { connectionId } = stateParts(state)
    const keys = {
      'a random key': `another-app-${'k'.repeat(32)}`,
      'the Pelm client secret': h.secrets.clientSecret.padEnd(32, '0'),
      'the token encryption key': h.secrets.tokenKey,
      'the cookie secret with one character changed': `${h.secrets.cookieSecret.slice(0, -1)}~`,
    }
    const attempts: Attempt[] = Object.entries(keys).map(([label, secret]) => {
      const issued = createStateSigner({ secret }).issue({
        binding: bindingOf(cookie),
        userId: 'alice',
        connectionId,
        reconnect: false,
      })
      return {
        label,
        send: () => h.exchange('alice', { code, state: issued.state }, cookie),
        code: 'state_mismatch',
      }
    })
    const failures = await tryAttack(h, 'state signed with another key', attempts)
    expect(failures).toEqual([])
  })

  it('refuses a replayed state as state_used', async () => {
    const h = createHarness()
    const done = await h.flow('alice')
    expect(
      (await h.exchange('alice', { code: done.code, state: done.state }, done.cookie)).status,
    ).toBe(200)
    const refused = await h.flow('bob')
    h.mock.faults.add({
      route: 'POST /auth/token',
      status: 400,
      errorCode: 'parameter_invalid',
      times: 1,
    })
    expect(
      (await h.exchange('bob', { code: refused.code, state: refused.state }, refused.cookie))
        .status,
    ).toBe(400)
    // The binding cookie outlives the exchange (other tabs use it): a replay cannot lean on it.
    const failures = await tryAttack(h, 'replayed state', [
      {
        label: 'after success, same code',
        send: () => h.exchange('alice', { code: done.code, state: done.state }, done.cookie),
        code: 'state_used',
      },
      {
        label: 'after success, a new code',
        send: () => h.exchange('alice', { code: h.codeFor(done), state: done.state }, done.cookie),
        code: 'state_used',
      },
      {
        label: 'after Pelm refused the code, a new code',
        send: () =>
          h.exchange('bob', { code: h.codeFor(refused), state: refused.state }, refused.cookie),
        code: 'state_used',
      },
    ])
    expect(failures).toEqual([])
    expect(h.store.writes).toHaveLength(1)
  })

  it('refuses a state older than its 30 minutes as state_expired', async () => {
    let now = Date.parse('2030-01-01T00:00:00Z')
    const h = createHarness({ routes: { now: () => now } })
    const attempts: Attempt[] = []
    for (const age of [STATE_MAX_AGE_MS + 1, STATE_MAX_AGE_MS + 60_000, 24 * 3600_000]) {
      const { state, cookie, code } = await h.flow('alice')
      attempts.push({
        label: `${age} ms old`,
        send: async () => {
          const started = now
          now += age
          try {
            return await h.exchange('alice', { code, state }, cookie)
          } finally {
            now = started
          }
        },
        code: 'state_expired',
      })
    }
    const failures = await tryAttack(h, 'expired state', attempts)
    expect(failures).toEqual([])
  })

  it('tolerates a minute of clock skew between instances, and no more', async () => {
    let now = Date.parse('2030-01-01T00:00:00Z')
    const h = createHarness({ routes: { now: () => now } })
    const checks = checklist('clock skew between instances (±1 minute)')
    const at = async (label: string, offsetMs: number, status: number, code?: string) => {
      const { state, cookie, code: pelmCode } = await h.flow('alice')
      const started = now
      now += offsetMs
      try {
        const response = await h.exchange('alice', { code: pelmCode, state }, cookie)
        const body = (await response.json()) as { error?: { code: string } }
        checks.add(label, response.status === status && body.error?.code === code)
      } finally {
        now = started
      }
    }
    await at('verified 30 s behind the issuer', -30_000, 200)
    await at(
      'refused 2 min behind the issuer (claims too long a life)',
      -120_000,
      403,
      'state_invalid',
    )
    await at('verified 29 min after', 29 * 60_000, 200)
    await at('expired 30 min 1 s after', 30 * 60_000 + 1000, 400, 'state_expired')
    expect(checks.done()).toEqual([])
  })
})
