import { afterEach, describe, expect, it } from 'vitest'
import { bindingCookie, createHarness, type Harness } from '../harness/app'
import { type Attempt, tryAttack } from '../harness/attack'
import { listen, rawExchange } from '../harness/server'
import { record } from '../harness/tally'

// Values the browser chooses (`state`, `code`, `utilitySlug`, `utilityId`, `connectionId`) must
// never reach a response header: no CR/LF splitting, no extra Set-Cookie, no cookie attribute of
// theirs.

const payloads = [
  'x\r\nSet-Cookie: evil=1; Path=/',
  'x\nLocation: https://evil.example/',
  'x\r\n\r\n<script>alert(1)</script>',
  'x; Domain=evil.example; Path=/; Max-Age=99999999',
  'x, evil=1',
  'x\u0000y',
  'x\u2028\u2029y',
  '%0d%0aSet-Cookie:%20evil=1',
  // Latin-1 truncation of U+560D U+560A gives CR LF: the classic Node header-splitting trick.
  'x\u560d\u560aSet-Cookie: evil=1',
  `x\t${'\u0085'}\u000bevil`,
]

const COOKIE_ATTRIBUTES = /^(Max-Age=\d+|Path=\/api\/pelm|HttpOnly|SameSite=Lax|Secure|Expires=.+)$/

/** True when the answer's headers are exactly what the routes set, untouched by the input. */
function headersClean(response: Response): boolean {
  for (const [name, value] of response.headers) {
    if (/[\r\n\0]/.test(name + value)) return false
    // The cookie's value is random base64url (it may spell "evil"): its exact form is checked below.
    if (name !== 'set-cookie' && /evil|alert|script/i.test(value)) return false
    if (!['cache-control', 'content-type', 'set-cookie', 'content-length'].includes(name)) {
      return false
    }
  }
  const cookies = response.headers.getSetCookie()
  if (cookies.length > 1) return false
  return cookies.every((cookie) => {
    const [pair = '', ...attributes] = cookie.split('; ')
    return (
      /^pelm_binding=[\w-]{43}$/.test(pair) &&
      attributes.every((attribute) => COOKIE_ATTRIBUTES.test(attribute))
    )
  })
}

/** Passes the utility on only as a known one, as if Pelm accepted any value: the worst case. */
function permissiveUpstream(h: Harness): typeof fetch {
  return async (input, init) => {
    const body = new URLSearchParams(String(init?.body ?? ''))
    body.delete('utility_slug')
    body.delete('utility_id')
    return h.mock.fetch(input as RequestInfo, { ...init, body })
  }
}

describe('header injection', () => {
  it('keeps CR/LF and control characters in state, code and utility out of every header', async () => {
    let h = createHarness()
    h = createHarness({ routes: { fetch: (input, init) => permissiveUpstream(h)(input, init) } })
    const attempts: Attempt[] = []
    for (const payload of payloads) {
      attempts.push({
        label: `utilitySlug ${JSON.stringify(payload)}`,
        send: () =>
          h.request('POST', '/connect-token', { user: 'alice', body: { utilitySlug: payload } }),
        rejected: headersClean,
      })
      attempts.push({
        label: `utilityId ${JSON.stringify(payload)}`,
        send: () =>
          h.request('POST', '/connect-token', { user: 'alice', body: { utilityId: payload } }),
        rejected: headersClean,
      })
      attempts.push({
        label: `connectionId ${JSON.stringify(payload)}`,
        send: () =>
          h.request('POST', '/connect-token', { user: 'alice', body: { connectionId: payload } }),
        rejected: (response) => response.status === 404 && headersClean(response),
      })
      attempts.push({
        label: `DELETE /connections/${JSON.stringify(payload)}`,
        send: () =>
          h.request('DELETE', `/connections/${encodeURIComponent(payload)}`, { user: 'alice' }),
        rejected: (response) => response.status === 404 && headersClean(response),
      })
      attempts.push({
        label: `state ${JSON.stringify(payload)}`,
        async send() {
          const { cookie } = await h.start('alice')
          return h.exchange('alice', { code: 'c', state: payload }, cookie)
        },
        rejected: (response) => response.status === 403 && headersClean(response),
      })
      attempts.push({
        label: `code ${JSON.stringify(payload)}`,
        async send() {
          const { state, cookie } = await h.start('alice')
          return h.exchange('alice', { code: payload, state }, cookie)
        },
        rejected: (response) => response.status === 400 && headersClean(response),
      })
    }
    const failures = await tryAttack(
      h,
      'header injection (state, code, utility, connection id)',
      attempts,
    )
    expect(failures).toEqual([])
  })

  it('keeps an injected utility inside the signed state, then in JSON only', async () => {
    let h = createHarness()
    h = createHarness({ routes: { fetch: (input, init) => permissiveUpstream(h)(input, init) } })
    const payload = payloads[0] ?? ''
    const start = await h.request('POST', '/connect-token', {
      user: 'alice',
      body: { utilitySlug: payload },
    })
    const cookie = bindingCookie(start)
    const { connectUrl } = (await start.json()) as { connectUrl: string }
    const url = new URL(connectUrl)
    const state = url.searchParams.get('state') ?? ''
    const code = h.codeFor({ connectUrl: url })
    const exchanged = await h.exchange('alice', { code, state }, cookie)
    const status = await h.request('GET', '/connections', { user: 'alice' })
    const body = (await status.json()) as { connections: { utility?: { slug?: string } }[] }
    const clean =
      [start, exchanged, status].every(headersClean) &&
      body.connections[0]?.utility?.slug === payload
    record({
      category: 'attack',
      name: 'header injection through a stored utility',
      tried: 1,
      rejected: clean ? 1 : 0,
    })
    expect(clean).toBe(true)
  })

  describe('on the wire', () => {
    let close: (() => Promise<void>) | undefined
    afterEach(() => close?.())

    it('frames every answer with the expected header lines only (real HTTP)', async () => {
      const h = createHarness()
      const server = await listen(h)
      close = server.close
      let clean = 0
      let tried = 0
      for (const payload of payloads) {
        const flow = await h.start('alice')
        const variants: [string, string, string][] = [
          ['/connect-token', JSON.stringify({ utilitySlug: payload }), ''],
          ['/connect-token', JSON.stringify({ utilityId: payload }), ''],
          ['/exchange', JSON.stringify({ code: 'c', state: payload }), flow.cookie],
          ['/exchange', JSON.stringify({ code: payload, state: flow.state }), flow.cookie],
        ]
        for (const [path, body, cookie] of variants) {
          tried += 1
          const reply = await rawExchange(
            server.url,
            [
              `POST /api/pelm${path} HTTP/1.1`,
              'Host: app.localhost',
              'Origin: http://app.localhost',
              `Cookie: session=alice${cookie ? `; ${cookie}` : ''}`,
              'Content-Type: application/json',
              `Content-Length: ${Buffer.byteLength(body)}`,
              'Connection: close',
              '',
              body,
            ].join('\r\n'),
          )
          const head = reply.slice(0, reply.indexOf('\r\n\r\n'))
          const names = head
            .split('\r\n')
            .slice(1)
            .map((line) => line.slice(0, line.indexOf(':')).toLowerCase())
          const expected = [
            'cache-control',
            'connection',
            'content-length',
            'content-type',
            'date',
            'keep-alive',
            'set-cookie',
          ]
          if (
            /^HTTP\/1\.1 4\d\d /.test(head) &&
            names.every((name) => expected.includes(name)) &&
            head
              .split('\r\n')
              .every((line) =>
                /^set-cookie:/i.test(line)
                  ? /^set-cookie: pelm_binding=[\w-]{43}(; [\w=/-]+)*$/i.test(line)
                  : !/evil|alert/i.test(line),
              )
          ) {
            clean += 1
          }
        }
      }
      record({
        category: 'attack',
        name: 'header injection on the wire (HTTP)',
        tried,
        rejected: clean,
      })
      expect(clean).toBe(tried)
    })
  })
})
