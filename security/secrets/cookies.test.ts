import { STATE_MAX_AGE_MS } from '@acme/pelm-server'
import { describe, expect, it } from 'vitest'
import { createHarness } from '../harness/app'
import { checklist } from '../harness/checklist'
import { findSecrets, secretNeedles } from '../harness/secrets'
import { bindingOf } from '../harness/states'

// The binding cookie (RFC 9700 §4.7.1, RFC 6265bis): 256 random bits that tie states to one
// browser. HttpOnly so scripts cannot read it, SameSite=Lax, Secure on https, Path limited to the
// mount, no Domain, Max-Age 30 minutes (the life of a state), renewed by each new state. It stays
// after an exchange (other tabs' states need it), so no route but connect-token sets it. Its value
// names no user and carries no secret; the state in the URL holds neither the binding nor the user.

/** The attributes of a Set-Cookie line, lower-cased names. */
function parse(line: string) {
  const [pair = '', ...rest] = line.split(';').map((part) => part.trim())
  const attributes = new Map(
    rest.map((attribute) => {
      const [name = '', value = ''] = attribute.split('=')
      return [name.toLowerCase(), value] as const
    }),
  )
  return { name: pair.split('=')[0], value: pair.slice(pair.indexOf('=') + 1), attributes }
}

function checkAttributes(
  checks: ReturnType<typeof checklist>,
  where: string,
  line: string | undefined,
  expected: { secure: boolean; path: string },
) {
  const cookie = parse(line ?? '')
  checks.add(`${where}: one pelm_binding cookie`, cookie.name === 'pelm_binding')
  checks.add(`${where}: HttpOnly`, cookie.attributes.has('httponly'))
  checks.add(`${where}: SameSite=Lax`, cookie.attributes.get('samesite') === 'Lax')
  checks.add(
    `${where}: Secure ${expected.secure ? 'set' : 'not set'}`,
    cookie.attributes.has('secure') === expected.secure,
  )
  checks.add(`${where}: Path=${expected.path}`, cookie.attributes.get('path') === expected.path)
  checks.add(
    `${where}: Max-Age=${STATE_MAX_AGE_MS / 1000}`,
    cookie.attributes.get('max-age') === String(STATE_MAX_AGE_MS / 1000),
  )
  checks.add(`${where}: no Domain`, !cookie.attributes.has('domain'))
  return cookie
}

describe('the binding cookie', () => {
  it.each([
    {
      label: 'http (development)',
      origin: 'http://app.localhost',
      redirect: undefined,
      secure: false,
    },
    { label: 'https', origin: 'https://app.example', redirect: undefined, secure: true },
    {
      label: 'http behind a TLS proxy (https redirectUri)',
      origin: 'http://internal:3000',
      redirect: 'https://app.example/pelm/callback',
      secure: true,
    },
  ])('has the right attributes on $label', async ({ label, origin, redirect, secure }) => {
    const h = createHarness({ origin, routes: redirect ? { redirectUri: redirect } : {} })
    const checks = checklist(`binding cookie attributes (${label})`)
    const first = await h.flow('alice')
    const set = first.response.headers.getSetCookie()
    checks.add('connect-token sets exactly one cookie', set.length === 1)
    const issued = checkAttributes(checks, 'issued', set[0], { secure, path: '/api/pelm' })
    checks.add('256 bits, base64url', /^[\w-]{43}$/.test(issued.value))

    // A second tab of the same browser: the same binding, its lifetime renewed.
    const second = await h.flow('alice', { cookie: first.cookie })
    const renewed = checkAttributes(
      checks,
      'renewed by a second tab',
      second.response.headers.getSetCookie()[0],
      { secure, path: '/api/pelm' },
    )
    checks.add('a second tab keeps the binding', renewed.value === issued.value)
    // Another browser (or a tampered cookie): a binding of its own.
    const other = await h.flow('alice', { cookie: 'pelm_binding=not-a-binding' })
    checks.add(
      'a malformed binding is replaced by a fresh one',
      /^[\w-]{43}$/.test(bindingOf(other.cookie)) && other.cookie !== first.cookie,
    )

    const success = await h.exchange(
      'alice',
      { code: first.code, state: first.state },
      first.cookie,
    )
    const failure = await h.exchange(
      'alice',
      { code: 'unknown-code', state: second.state },
      first.cookie,
    )
    checks.add('the exchange succeeds', success.status === 200)
    checks.add('a failed exchange is refused', failure.status === 400)
    checks.add('a successful exchange sets no cookie', success.headers.getSetCookie().length === 0)
    checks.add('a failed exchange sets no cookie', failure.headers.getSetCookie().length === 0)
    const third = await h.flow('alice', { cookie: first.cookie })
    checks.add(
      'the binding outlives the exchange (other tabs keep working)',
      bindingOf(third.cookie) === issued.value &&
        (await h.exchange('alice', { code: third.code, state: third.state }, first.cookie))
          .status === 200,
    )

    checks.add('the value names no user', !issued.value.includes('alice'))
    checks.add('the value is not in the state', !first.state.includes(issued.value))
    checks.add('the state names no user', !first.state.includes('alice'))
    checks.add(
      'neither carries a secret',
      findSecrets(issued.value + first.state, secretNeedles(h.secrets)).length === 0,
    )
    checks.add('the state fits a URL comfortably', first.state.length < 256)

    const [connection] = await h.list('alice')
    for (const [method, path] of [
      ['GET', '/connections'],
      ['DELETE', `/connections/${connection?.id}`],
    ] as const) {
      const response = await h.request(method, path, { user: 'alice', cookie: first.cookie })
      checks.add(
        `${method} ${path.split('/').slice(0, 2).join('/')} sets no cookie`,
        response.headers.getSetCookie().length === 0,
      )
    }
    expect(checks.done()).toEqual([])
  })

  it('follows cookiePath and cookieName, __Host- prefix included', async () => {
    const checks = checklist('binding cookie attributes (cookiePath, cookieName)')
    const moved = createHarness({ routes: { cookiePath: '/auth/pelm', cookieName: 'pelm_flow' } })
    const line =
      (
        await moved.request('POST', '/connect-token', { user: 'alice', body: {} })
      ).headers.getSetCookie()[0] ?? ''
    checks.add('named as configured', line.startsWith('pelm_flow='))
    checks.add('Path as configured', parse(line).attributes.get('path') === '/auth/pelm')
    checks.add('HttpOnly', parse(line).attributes.has('httponly'))
    // The strictest form an app can choose: host-only, Secure, Path=/.
    const host = createHarness({
      origin: 'https://app.example',
      routes: { cookiePath: '/', cookieName: '__Host-pelm' },
    })
    const hostLine =
      (
        await host.request('POST', '/connect-token', { user: 'alice', body: {} })
      ).headers.getSetCookie()[0] ?? ''
    checks.add('__Host- cookie set', hostLine.startsWith('__Host-pelm='))
    checks.add(
      '__Host- cookie Secure, Path=/, no Domain',
      parse(hostLine).attributes.has('secure') &&
        parse(hostLine).attributes.get('path') === '/' &&
        !parse(hostLine).attributes.has('domain'),
    )
    expect(checks.done()).toEqual([])
  })
})
