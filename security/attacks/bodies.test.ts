import { afterEach, describe, expect, it } from 'vitest'
import { createHarness, errorOf, type Harness, jsonError } from '../harness/app'
import { type Attempt, tryAttack } from '../harness/attack'
import { listen } from '../harness/server'
import { stateParts } from '../harness/states'
import { record } from '../harness/tally'

// Bodies an attacker controls completely: they must cost bounded memory and always end in a 4xx
// JSON error, never a 5xx, a crash or a call to Pelm.

const LIMIT = 16 * 1024
const routes = ['/connect-token', '/exchange'] as const

const post = (h: Harness, path: string, body: BodyInit, headers: Record<string, string> = {}) =>
  h.send(
    new Request(`${h.origin}/api/pelm${path}`, {
      method: 'POST',
      headers: {
        origin: h.origin,
        cookie: 'session=alice',
        'content-type': 'application/json',
        ...headers,
      },
      body,
      ...({ duplex: 'half' } as object),
    }),
  )

const stream = (bytes: number) =>
  new ReadableStream<Uint8Array>({
    start(controller) {
      for (let sent = 0; sent < bytes; sent += 4096)
        controller.enqueue(new Uint8Array(4096).fill(32))
      controller.close()
    },
  })

describe('oversized bodies', () => {
  it('refuses bodies over the limit with 413, declared or streamed', async () => {
    const h = createHarness()
    const big = (size: number) =>
      JSON.stringify({ code: 'c'.repeat(size), state: 's', utilitySlug: 'u'.repeat(size) })
    const attempts: Attempt[] = routes.flatMap((path) => [
      {
        label: `${path} one byte over, declared`,
        send: () => post(h, path, ' '.repeat(LIMIT + 1)),
        code: 'payload_too_large',
      },
      {
        label: `${path} 1 MB declared`,
        send: () => post(h, path, big(1 << 20)),
        code: 'payload_too_large',
      },
      {
        label: `${path} 1 MB streamed, no length`,
        send: () => post(h, path, stream(1 << 20)),
        code: 'payload_too_large',
      },
      {
        label: `${path} 64 KiB text/plain`,
        send: () => post(h, path, big(1 << 16), { 'content-type': 'text/plain' }),
        code: ['payload_too_large', 'unsupported_media_type'],
      },
      {
        label: `${path} long strings under the limit`,
        send: () => post(h, path, big(LIMIT / 2 - 100)),
        code: 'invalid_body',
      },
    ])
    const failures = await tryAttack(h, 'oversized bodies', attempts)
    expect(failures).toEqual([])
  })

  describe('over real HTTP', () => {
    let close: (() => Promise<void>) | undefined
    afterEach(() => close?.())

    it('refuses a chunked body that never ends as soon as it passes the limit', async () => {
      const h = createHarness()
      const server = await listen(h)
      close = server.close
      const chunks = Array.from({ length: 256 }, () => 'x'.repeat(4096))
      const headers = {
        host: 'app.localhost',
        origin: 'http://app.localhost',
        cookie: 'session=alice',
        'content-type': 'application/json',
        'transfer-encoding': 'chunked',
      }
      let refused = 0
      for (const path of routes) {
        const answer = await server.raw('POST', `/api/pelm${path}`, headers, chunks, 5)
        const error = jsonError(String(answer.headers['content-type']), answer.body)
        if (answer.status === 413 && error?.code === 'payload_too_large') refused += 1
      }
      record({
        category: 'attack',
        name: 'oversized chunked bodies (HTTP)',
        tried: 2,
        rejected: refused,
      })
      expect(refused).toBe(2)
    })
  })
})

/**
 * The verdict for `/connect-token`, where an empty body is valid: a 4xx JSON error without a new
 * connect token, or a 200 for which Pelm received the connection id the server minted (the one in
 * the state) and nothing else.
 */
const refusedOrIgnored = (h: Harness) => async (response: Response) => {
  const call = h.mock.requests.filter((r) => r.path === '/auth/connect-token').at(-1)
  if (response.status === 200) {
    const { connectUrl } = (await response.clone().json()) as { connectUrl: string }
    const { connectionId } = stateParts(new URL(connectUrl).searchParams.get('state') ?? '')
    return JSON.stringify(call?.body) === JSON.stringify({ user_id: connectionId })
  }
  return response.status >= 400 && response.status < 500 && (await errorOf(response)) !== undefined
}

describe('malformed bodies', () => {
  const malformed: [string, string | Uint8Array][] = [
    ['truncated object', '{"code": "abc'],
    ['lone brace', '{'],
    ['lone bracket', '['],
    ['missing value', '{"code":}'],
    ['trailing garbage', '{"code":"c","state":"s"} x'],
    ['single quotes', "{'code':'c'}"],
    ['NaN', '{"code": NaN}'],
    ['array', '[]'],
    ['null', 'null'],
    ['number', '42'],
    ['string', '"code"'],
    ['boolean', 'true'],
    ['numbers for strings', '{"code":1,"state":2,"utilityId":3,"utilitySlug":4,"connectionId":5}'],
    [
      'objects for strings',
      '{"code":{"$ne":""},"state":{"$gt":""},"utilitySlug":{},"connectionId":{"$ne":""}}',
    ],
    ['arrays for strings', '{"code":["c"],"state":["s"],"utilityId":["1"],"connectionId":["x"]}'],
    ['both utilities', '{"utilityId":"1","utilitySlug":"pge"}'],
    ['empty strings', '{"code":"","utilitySlug":"","connectionId":""}'],
    ['connection id too long', `{"connectionId":"${'a'.repeat(201)}"}`],
    ['deep arrays', `${'['.repeat(7000)}${']'.repeat(7000)}`],
    ['deep objects', `${'{"a":'.repeat(2500)}1${'}'.repeat(2500)}`],
    ['BOM first', '\uFEFF{"code":"c"}'],
    ['lone surrogates', '{"code":"\\ud800","state":"\\udfff","utilitySlug":"\\ud800"}'],
    ['NUL bytes', '{"code":"c\\u0000","state":"\\u0000"}'],
    ['invalid UTF-8', new Uint8Array([0x7b, 0x22, 0xff, 0xfe, 0xc3, 0x28, 0x22, 0x7d])],
    ['UTF-16 body', new Uint8Array([0xff, 0xfe, 0x7b, 0x00, 0x7d, 0x00])],
  ]
  const types = [
    'application/json',
    'application/json; charset=utf-16',
    'APPLICATION/JSON',
    'application/vnd.api+json',
    'application/jsonx',
    'text/json',
    'multipart/form-data; boundary=x',
  ]

  it('answers every malformed body with a 4xx JSON error and no call to Pelm', async () => {
    const h = createHarness()
    const attempts: Attempt[] = []
    for (const path of routes) {
      // An empty body is valid on /connect-token: garbage it ignores must leave Pelm a bare user_id.
      const verdict = path === '/connect-token' ? refusedOrIgnored(h) : undefined
      for (const [label, body] of malformed) {
        attempts.push({
          label: `${path} ${label}`,
          send: () => post(h, path, body as BodyInit),
          rejected: verdict,
        })
      }
      for (const type of types) {
        attempts.push({
          label: `${path} as ${type}`,
          send: () => post(h, path, '{"code":"c","state":"s"', { 'content-type': type }),
        })
      }
    }
    const failures = await tryAttack(h, 'malformed bodies', attempts)
    expect(failures).toEqual([])
    expect(h.upstreamCalls('POST', '/auth/token')).toBe(0)
  })

  it('ignores prototype-pollution keys: nothing reaches Object.prototype or Pelm', async () => {
    const h = createHarness()
    const { state, cookie } = await h.start('alice')
    const payloads = [
      '{"__proto__":{"polluted":"yes","utilitySlug":"pge"}}',
      '{"__proto__":{"connectionId":"x"}}',
      '{"connectionId":"__proto__"}',
      '{"constructor":{"prototype":{"polluted":"yes"}}}',
      '{"__proto__":{"code":"c","state":"s"},"polluted":"no"}',
      `{"code":"c","state":"${state}","__proto__":{"polluted":"yes"}}`,
      `{"code":"c","state":"${state}","constructor":{"prototype":{"polluted":"yes"}}}`,
    ]
    const clean = () =>
      !('polluted' in Object.prototype) && ({} as Record<string, unknown>).polluted === undefined
    const attempts: Attempt[] = payloads.flatMap((payload, index) => [
      {
        label: `connect-token #${index}`,
        send: () => post(h, '/connect-token', payload),
        rejected: async (response) => (await refusedOrIgnored(h)(response)) && clean(),
      },
      {
        label: `exchange #${index}`,
        send: () => post(h, '/exchange', payload, { cookie: `session=alice; ${cookie}` }),
        rejected: async (response) =>
          response.status >= 400 &&
          response.status < 500 &&
          (await errorOf(response)) !== undefined &&
          clean(),
      },
    ])
    const failures = await tryAttack(h, 'prototype-pollution keys', attempts)
    expect(failures).toEqual([])
    expect(clean()).toBe(true)
  })
})
