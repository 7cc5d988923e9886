import { describe, expect, it } from 'vitest'
import { createHarness } from '../harness/app'
import { type Attempt, tryAttack } from '../harness/attack'

// RFC 6749 §10.12 (CSRF against the redirect URI) and RFC 9700 §4.7. Login CSRF: an attacker
// makes the victim's browser finish the attacker's flow, so the victim's account would hold the
// attacker's utility data. Cross-origin: another site makes the victim's browser call the routes.

describe('login CSRF', () => {
  it('refuses a victim’s browser finishing the attacker’s flow (cookie-less or another cookie)', async () => {
    const h = createHarness()
    const attacker = await h.start('mallory')
    const attackerCode = h.codeFor('mallory')
    const victim = await h.start('alice')
    // The attacker's link to the app's own callback page makes the React hook POST same-origin.
    const failures = await tryAttack(h, 'login CSRF (cookie-less POST)', [
      {
        label: 'victim without a state cookie',
        send: () => h.exchange('alice', { code: attackerCode, state: attacker.state }),
        code: 'state_missing',
      },
      {
        label: 'victim with a state cookie of their own',
        send: () =>
          h.exchange('alice', { code: attackerCode, state: attacker.state }, victim.cookie),
        code: 'state_mismatch',
      },
      {
        label: 'victim without a cookie, attacker omits the state',
        send: () => h.exchange('alice', { code: attackerCode }),
        code: 'state_missing',
      },
      {
        label: 'no session either (a signed-out victim)',
        send: () => h.exchange(undefined, { code: attackerCode, state: attacker.state }),
        code: 'unauthenticated',
      },
    ])
    expect(failures).toEqual([])
    expect(await h.tokens.get('alice')).toBeUndefined()
    // The victim's own flow is unharmed.
    const own = await h.exchange(
      'alice',
      { code: h.codeFor('alice'), state: victim.state },
      victim.cookie,
    )
    expect(own.status).toBe(200)
  })
})

describe('cross-origin requests', () => {
  const origins = [
    'https://evil.example',
    'null',
    'http://app.localhost.evil.example',
    'http://evil.example',
    'https://app.localhost',
    'http://app.localhost:8080',
    'http://sub.app.localhost',
  ]
  const fetchSites = ['cross-site', 'same-site', 'none']

  it('refuses POST and DELETE from another origin, whatever the content type', async () => {
    const h = createHarness()
    await h.connect('alice').then((response) => expect(response.status).toBe(200))
    const { state, cookie } = await h.start('alice')
    const code = h.codeFor('alice')
    const stillConnected = async (response: Response) =>
      response.status === 403 && (await h.tokens.get('alice')) !== undefined
    const attempts: Attempt[] = []
    const variants: { label: string; headers: Record<string, string>; origin: string | null }[] = [
      ...origins.map((origin) => ({ label: `Origin ${origin}`, origin, headers: {} })),
      ...fetchSites.map((site) => ({
        label: `Sec-Fetch-Site ${site}, no Origin`,
        origin: null,
        headers: { 'sec-fetch-site': site },
      })),
      {
        label: 'Origin evil + Sec-Fetch-Site cross-site',
        origin: 'https://evil.example',
        headers: { 'sec-fetch-site': 'cross-site' },
      },
    ]
    for (const variant of variants) {
      for (const [type, body] of [
        ['application/json', JSON.stringify({ code, state })],
        ['text/plain', JSON.stringify({ code, state })],
        ['application/x-www-form-urlencoded', `code=${code}&state=${state}`],
      ] as const) {
        attempts.push({
          label: `POST /exchange, ${variant.label}, ${type}`,
          send: () =>
            h.request('POST', '/exchange', {
              user: 'alice',
              cookie,
              origin: variant.origin,
              body,
              headers: { ...variant.headers, 'content-type': type },
            }),
          code: 'cross_origin_request',
        })
      }
      attempts.push({
        label: `POST /connect-token, ${variant.label}`,
        send: () =>
          h.request('POST', '/connect-token', {
            user: 'alice',
            origin: variant.origin,
            body: {},
            headers: variant.headers,
          }),
        code: 'cross_origin_request',
      })
      attempts.push({
        label: `DELETE /connection, ${variant.label}`,
        send: () =>
          h.request('DELETE', '/connection', {
            user: 'alice',
            origin: variant.origin,
            headers: variant.headers,
          }),
        rejected: stillConnected,
      })
    }
    const connectTokenCalls = h.upstreamCalls('/auth/connect-token')
    const failures = await tryAttack(h, 'cross-origin POST/DELETE', attempts)
    expect(failures).toEqual([])
    expect(h.upstreamCalls('/auth/connect-token')).toBe(connectTokenCalls)
    // The code was not spent: the real callback still works.
    expect((await h.exchange('alice', { code, state }, cookie)).status).toBe(200)
  })
})
