import { describe, expect, it } from 'vitest'
import { createHarness } from '../harness/app'
import { type Attempt, tryAttack } from '../harness/attack'

// RFC 6749 §10.12 (CSRF against the redirect URI) and RFC 9700 §4.7. Login CSRF: an attacker
// makes the victim's browser finish the attacker's flow, so the victim's account would hold the
// attacker's utility data. Cross-origin: another site makes the victim's browser call the routes.

describe('login CSRF', () => {
  it('refuses a victim’s browser finishing the attacker’s flow (cookie-less or another cookie)', async () => {
    const h = createHarness()
    const attacker = await h.flow('mallory')
    const victim = await h.flow('alice')
    // The attacker's link to the app's own callback page makes the React hook POST same-origin.
    const failures = await tryAttack(h, 'login CSRF (cookie-less POST)', [
      {
        label: 'victim without a binding cookie',
        send: () => h.exchange('alice', { code: attacker.code, state: attacker.state }),
        code: 'state_missing',
      },
      {
        label: 'victim with a binding cookie of their own',
        send: () =>
          h.exchange('alice', { code: attacker.code, state: attacker.state }, victim.cookie),
        code: 'state_mismatch',
      },
      {
        label: 'victim without a cookie, attacker omits the state',
        send: () => h.exchange('alice', { code: attacker.code }),
        code: 'state_missing',
      },
      {
        label: 'no session either (a signed-out victim)',
        send: () => h.exchange(undefined, { code: attacker.code, state: attacker.state }),
        code: 'unauthenticated',
      },
    ])
    expect(failures).toEqual([])
    expect(await h.store.list('alice')).toEqual([])
    // The victim's own flow is unharmed.
    const own = await h.exchange('alice', { code: victim.code, state: victim.state }, victim.cookie)
    expect(own.status).toBe(200)
  })

  it('refuses it with the attacker’s binding tossed into the victim’s browser from a sibling domain', async () => {
    const h = createHarness()
    const attacker = await h.flow('mallory')
    const victim = await h.start('alice')
    // A sibling subdomain can set `pelm_binding` for the parent domain: the victim's browser then
    // sends the attacker's binding, alone or next to its own, in either order. The state still
    // names the attacker as its user, so the victim's session refuses it.
    const tossed = (label: string, cookie: string): Attempt => ({
      label,
      send: () => h.exchange('alice', { code: attacker.code, state: attacker.state }, cookie),
      code: 'state_mismatch',
    })
    const failures = await tryAttack(h, 'login CSRF (binding cookie tossed)', [
      tossed('the attacker’s binding alone', attacker.cookie),
      tossed('the attacker’s binding first', `${attacker.cookie}; ${victim.cookie}`),
      tossed('the attacker’s binding second', `${victim.cookie}; ${attacker.cookie}`),
    ])
    expect(failures).toEqual([])
    expect(await h.store.list('alice')).toEqual([])
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
    const { id } = await h.connection('alice')
    const { state, cookie, code } = await h.flow('alice')
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
        label: `DELETE /connections/:id, ${variant.label}`,
        send: () =>
          h.request('DELETE', `/connections/${id}`, {
            user: 'alice',
            origin: variant.origin,
            headers: variant.headers,
          }),
        code: 'cross_origin_request',
        noUpstream: true,
      })
    }
    const connectTokenCalls = h.upstreamCalls('POST', '/auth/connect-token')
    const failures = await tryAttack(h, 'cross-origin POST/DELETE', attempts)
    expect(failures).toEqual([])
    expect(h.upstreamCalls('POST', '/auth/connect-token')).toBe(connectTokenCalls)
    expect(await h.store.get('alice', id)).toBeDefined()
    // The code was not spent: the real callback still works.
    expect((await h.exchange('alice', { code, state }, cookie)).status).toBe(200)
  })
})
