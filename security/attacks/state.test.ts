import { createStateSigner, STATE_MAX_AGE_MS } from '@acme/pelm-server'
import { describe, expect, it } from 'vitest'
import { createHarness } from '../harness/app'
import { tryAttack } from '../harness/attack'

// RFC 6749 §10.12 and RFC 9700 §4.7: the state binds the callback to the browser that started
// the flow. Every variant below must be refused before Pelm's /auth/token is called.

/** Replaces one character of `text` at `index` with a different base64url character. */
const flip = (text: string, index: number) =>
  text.slice(0, index) + (text[index] === 'A' ? 'B' : 'A') + text.slice(index + 1)

describe('state attacks on POST /exchange', () => {
  it('refuses a missing state (cookie, body or both) as state_missing', async () => {
    const h = createHarness()
    const { state, cookie } = await h.start('alice')
    const code = h.codeFor('alice')
    const failures = await tryAttack(h, 'missing state', [
      {
        label: 'no cookie',
        send: () => h.exchange('alice', { code, state }),
        code: 'state_missing',
      },
      {
        label: 'no body state',
        send: () => h.exchange('alice', { code }, cookie),
        code: 'state_missing',
      },
      {
        label: 'empty body state',
        send: () => h.exchange('alice', { code, state: '' }, cookie),
        code: 'state_missing',
      },
      {
        label: 'null body state',
        send: () => h.exchange('alice', { code, state: null }, cookie),
        code: 'state_missing',
      },
      {
        label: 'empty cookie',
        send: () => h.exchange('alice', { code, state }, 'pelm_state='),
        code: 'state_missing',
      },
      { label: 'neither', send: () => h.exchange('alice', { code }), code: 'state_missing' },
    ])
    expect(failures).toEqual([])
  })

  it('refuses a forged or tampered state cookie as state_invalid', async () => {
    const h = createHarness()
    const { state, cookie } = await h.start('alice')
    const value = cookie.slice('pelm_state='.length)
    const [version, payload = '', mac = ''] = value.split('.')
    const code = h.codeFor('alice')
    const forged = (label: string, cookieValue: string, bodyState = state) => ({
      label,
      send: () => h.exchange('alice', { code, state: bodyState }, `pelm_state=${cookieValue}`),
      code: 'state_invalid',
    })
    const ownNonce = 'A'.repeat(43)
    const ownPayload = Buffer.from(JSON.stringify({ n: ownNonce, t: Date.now(), u: 'x' })).toString(
      'base64url',
    )
    const failures = await tryAttack(h, 'forged state', [
      forged('random value', 'v1.Zm9yZ2Vk.c2lnbmF0dXJl'),
      forged('payload bit flipped', `${version}.${flip(payload, 10)}.${mac}`),
      forged('signature bit flipped', `${version}.${payload}.${flip(mac, 5)}`),
      forged('own payload, original signature', `${version}.${ownPayload}.${mac}`, ownNonce),
      forged('signature removed', `${version}.${payload}.`),
      forged('extra segment', `${value}.extra`),
      forged('other version', `v2.${payload}.${mac}`),
      forged('not base64url', `v1.${payload}!.${mac}`),
      forged('the state itself as cookie', state),
      forged('padding added', `${version}.${payload}=.${mac}`),
    ])
    expect(failures).toEqual([])
  })

  it('refuses a state older than 30 minutes as state_expired', async () => {
    let now = Date.parse('2030-01-01T00:00:00Z')
    const h = createHarness({ routes: { now: () => now } })
    const attempts = []
    for (const age of [STATE_MAX_AGE_MS + 1, STATE_MAX_AGE_MS + 60_000, 24 * 3600_000]) {
      const { state, cookie } = await h.start('alice')
      const code = h.codeFor('alice')
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

  it('refuses a state swapped with another user’s', async () => {
    const h = createHarness()
    const alice = await h.start('alice')
    const mallory = await h.start('mallory')
    const malloryCode = h.codeFor('mallory')
    const failures = await tryAttack(h, 'swapped state (another user’s)', [
      {
        label: 'mallory’s cookie and state in alice’s session',
        send: () =>
          h.exchange('alice', { code: malloryCode, state: mallory.state }, mallory.cookie),
        code: 'state_user_mismatch',
      },
      {
        label: 'alice’s cookie with mallory’s state',
        send: () => h.exchange('alice', { code: malloryCode, state: mallory.state }, alice.cookie),
        code: 'state_mismatch',
      },
      {
        label: 'mallory’s cookie with alice’s state',
        send: () => h.exchange('alice', { code: malloryCode, state: alice.state }, mallory.cookie),
        code: ['state_mismatch', 'state_user_mismatch'],
      },
      {
        label: 'alice’s cookie and state submitted in mallory’s session',
        send: () => h.exchange('mallory', { code: malloryCode, state: alice.state }, alice.cookie),
        code: 'state_user_mismatch',
      },
    ])
    expect(failures).toEqual([])
    // Both flows are still usable by their owners: a refusal spends nothing of the victim’s.
    expect(await h.tokens.get('alice')).toBeUndefined()
  })

  it('refuses a replayed state as state_used', async () => {
    const h = createHarness()
    const done = await h.start('alice')
    const firstCode = h.codeFor('alice')
    expect(
      (await h.exchange('alice', { code: firstCode, state: done.state }, done.cookie)).status,
    ).toBe(200)
    const refused = await h.start('bob')
    h.mock.faults.add({
      route: 'POST /auth/token',
      status: 400,
      errorCode: 'parameter_invalid',
      times: 1,
    })
    expect(
      (await h.exchange('bob', { code: h.codeFor('bob'), state: refused.state }, refused.cookie))
        .status,
    ).toBe(400)

    const failures = await tryAttack(h, 'replayed state', [
      {
        label: 'after success, same code',
        send: () => h.exchange('alice', { code: firstCode, state: done.state }, done.cookie),
        code: 'state_used',
      },
      {
        label: 'after success, a new code',
        send: () =>
          h.exchange('alice', { code: h.codeFor('alice'), state: done.state }, done.cookie),
        code: 'state_used',
      },
      {
        label: 'after Pelm refused the code, a new code',
        send: () =>
          h.exchange('bob', { code: h.codeFor('bob'), state: refused.state }, refused.cookie),
        code: 'state_used',
      },
    ])
    expect(failures).toEqual([])
    expect(h.tokens.writes).toHaveLength(1)
  })

  it('refuses a state signed with another key as state_invalid', async () => {
    const h = createHarness()
    const code = h.codeFor('alice')
    const keys = {
      'a random key': `another-app-${'k'.repeat(32)}`,
      'the Pelm client secret': h.secrets.clientSecret.padEnd(32, '0'),
      'the token encryption key': h.secrets.tokenKey,
      'the cookie secret with one character changed': `${h.secrets.cookieSecret.slice(0, -1)}~`,
    }
    const attempts = await Promise.all(
      Object.entries(keys).map(async ([label, secret]) => {
        const issued = await createStateSigner({ secret }).issue({ userId: 'alice' })
        return {
          label,
          send: () =>
            h.exchange('alice', { code, state: issued.state }, `pelm_state=${issued.cookieValue}`),
          code: 'state_invalid',
        }
      }),
    )
    const failures = await tryAttack(h, 'state signed with another key', attempts)
    expect(failures).toEqual([])
  })
})
