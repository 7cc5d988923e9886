import { describe, expect, it } from 'vitest'
import { createHarness, type Harness } from '../harness/app'
import { checklist } from '../harness/checklist'
import { findSecrets, secretNeedles } from '../harness/secrets'

// The state cookie (RFC 9700 §4.7.1, RFC 6265bis): HttpOnly so scripts cannot read it, SameSite
// Lax, Secure on https, Path limited to the mount, Max-Age 30 minutes, no Domain; cleared with
// the same attributes; its value names no user and carries no secret.

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
  expected: { secure: boolean; path: string; maxAge: string },
) {
  const cookie = parse(line ?? '')
  checks.add(`${where}: one pelm_state cookie`, cookie.name === 'pelm_state')
  checks.add(`${where}: HttpOnly`, cookie.attributes.has('httponly'))
  checks.add(`${where}: SameSite=Lax`, cookie.attributes.get('samesite') === 'Lax')
  checks.add(
    `${where}: Secure ${expected.secure ? 'set' : 'not set'}`,
    cookie.attributes.has('secure') === expected.secure,
  )
  checks.add(`${where}: Path=${expected.path}`, cookie.attributes.get('path') === expected.path)
  checks.add(
    `${where}: Max-Age=${expected.maxAge}`,
    cookie.attributes.get('max-age') === expected.maxAge,
  )
  checks.add(`${where}: no Domain`, !cookie.attributes.has('domain'))
  return cookie
}

async function flowCookies(h: Harness, user: string) {
  const start = await h.request('POST', '/connect-token', { user, body: {} })
  const { connectUrl } = (await start.clone().json()) as { connectUrl: string }
  const state = new URL(connectUrl).searchParams.get('state') ?? ''
  const set = start.headers.getSetCookie()
  const cookie = set[0]?.split(';')[0] ?? ''
  const success = await h.exchange(user, { code: h.codeFor(user), state }, cookie)
  const again = await h.start(user)
  const failure = await h.exchange(user, { code: 'unknown-code', state: again.state }, again.cookie)
  return { set, state, success, failure }
}

describe('the state cookie', () => {
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
    const { set, state, success, failure } = await flowCookies(h, 'alice')
    const checks = checklist(`state cookie attributes (${label})`)
    checks.add('connect-token sets exactly one cookie', set.length === 1)
    const issued = checkAttributes(checks, 'issued', set[0], {
      secure,
      path: '/api/pelm',
      maxAge: '1800',
    })
    checkAttributes(checks, 'cleared on success', success.headers.getSetCookie()[0], {
      secure,
      path: '/api/pelm',
      maxAge: '0',
    })
    checkAttributes(checks, 'cleared on failure', failure.headers.getSetCookie()[0], {
      secure,
      path: '/api/pelm',
      maxAge: '0',
    })
    checks.add(
      'cleared value is empty',
      parse(success.headers.getSetCookie()[0] ?? '').value === '',
    )

    const payload = Buffer.from(issued.value.split('.')[1] ?? '', 'base64url').toString('utf8')
    checks.add(
      'the value names no user',
      !payload.includes('alice') && !issued.value.includes('alice'),
    )
    checks.add('the value is not the state', issued.value !== state)
    checks.add(
      'the value carries no secret',
      findSecrets(issued.value + payload, secretNeedles(h.secrets)).length === 0,
    )
    checks.add('the value fits a cookie', issued.value.length < 1024)

    for (const [method, path] of [
      ['GET', '/connection'],
      ['DELETE', '/connection'],
    ] as const) {
      const response = await h.request(method, path, { user: 'alice' })
      checks.add(`${method} ${path} sets no cookie`, response.headers.getSetCookie().length === 0)
    }
    expect(checks.done()).toEqual([])
  })

  it('follows cookiePath and cookieName, __Host- prefix included', async () => {
    const checks = checklist('state cookie attributes (cookiePath, cookieName)')
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
