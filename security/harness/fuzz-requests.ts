import fc from 'fast-check'
import type { Harness } from './app'
import { bindingOf, randomConnectionId } from './states'

/** How many generated requests each route gets (`FUZZ_RUNS` overrides). */
export const FUZZ_RUNS = Number(process.env.FUZZ_RUNS ?? 2000)

/** A fixed seed replays a failure: `FUZZ_SEED=… npm run security-report`. */
export const fuzzSeed = process.env.FUZZ_SEED ? Number(process.env.FUZZ_SEED) : undefined

const METHODS = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'HEAD', 'OPTIONS', 'PURGE', 'get', 'FOO']
const CONTENT_TYPES = [
  'application/json',
  'application/json; charset=utf-8',
  'application/merge-patch+json',
  'application/x-www-form-urlencoded',
  'multipart/form-data; boundary=----x',
  'text/plain',
  'text/html',
  'application/xml',
  'application/octet-stream',
  'application/json; charset=utf-16le',
  '',
  ';;;',
  'application/json, text/plain',
]

/** Printable Latin-1 without CR/LF: what an HTTP header value can carry on the wire. */
const headerValue = fc.string({
  unit: fc
    .integer({ min: 0x20, max: 0xff })
    .filter((code) => code !== 0x7f)
    .map((code) => String.fromCharCode(code)),
  maxLength: 200,
})
const headerName = fc.stringMatching(/^[a-z][a-z0-9-]{0,30}$/)

/** Strings of every kind: unicode, lone surrogates, control characters, long ones. */
export const anyString = fc.oneof(
  { weight: 4, arbitrary: fc.string({ maxLength: 40 }) },
  { weight: 2, arbitrary: fc.string({ unit: 'binary', maxLength: 80 }) },
  { weight: 1, arbitrary: fc.string({ unit: 'grapheme', maxLength: 80 }) },
  {
    weight: 1,
    arbitrary: fc.constantFrom('', ' ', '\u0000', '\r\n', '%00', '../..', '\ud800', 'pge', '1'),
  },
  { weight: 1, arbitrary: fc.integer({ min: 200, max: 17_000 }).map((n) => 'x'.repeat(n)) },
)

const pollutionKey = fc.constantFrom(
  '__proto__',
  'constructor',
  'prototype',
  'toString',
  'hasOwnProperty',
)

/**
 * A connection id: the signed-in user's own, another user's, a random one of the right form, or
 * any string (`../`, `%00`, unicode, `__proto__`, 17,000 characters…).
 */
const connectionIdChoice = fc.oneof(
  { weight: 3, arbitrary: fc.constantFrom('own' as const, 'other' as const, 'unknown' as const) },
  { weight: 2, arbitrary: anyString },
  {
    weight: 1,
    arbitrary: fc.constantFrom(
      '__proto__',
      'constructor',
      '..',
      '../x',
      '%00',
      '\u0000',
      '\u00e9',
      '\u{1f50c}',
    ),
  },
)

/** JSON-ish values: the right keys with wrong types, pollution keys, nesting. */
const jsonBody = fc.oneof(
  fc.record(
    {
      code: fc.oneof(anyString, fc.jsonValue({ maxDepth: 2 })),
      state: fc.oneof(anyString, fc.jsonValue({ maxDepth: 2 })),
      utilityId: fc.oneof(anyString, fc.jsonValue({ maxDepth: 2 })),
      utilitySlug: fc.oneof(
        anyString,
        fc.constantFrom('pge', 'sce', 'sdge'),
        fc.jsonValue({ maxDepth: 2 }),
      ),
      connectionId: fc.oneof(anyString, connectionIdChoice, fc.jsonValue({ maxDepth: 2 })),
      user_id: anyString,
      redirect_uri: anyString,
    },
    { requiredKeys: [] },
  ),
  fc.dictionary(
    fc.oneof(pollutionKey, fc.string({ maxLength: 10 })),
    fc.jsonValue({ maxDepth: 3 }),
    {
      maxKeys: 6,
    },
  ),
  fc.jsonValue({ maxDepth: 4 }),
  fc
    .integer({ min: 1, max: 1500 })
    .map((depth) => JSON.parse(`${'['.repeat(depth)}${']'.repeat(depth)}`)),
)

/**
 * A body as sent: a JSON value (serialized once its connection id is chosen), JSON text cut
 * short, any text, or raw bytes.
 */
const body = fc.oneof(
  { weight: 5, arbitrary: jsonBody.map((value) => ({ kind: 'json' as const, value })) },
  {
    weight: 2,
    arbitrary: fc
      .tuple(
        jsonBody.map((value) => JSON.stringify(value) ?? 'null'),
        fc.nat(),
      )
      .map(([text, cut]) => ({
        kind: 'raw' as const,
        value: text.slice(0, cut % (text.length + 1)),
      })),
  },
  { weight: 1, arbitrary: anyString.map((value) => ({ kind: 'raw' as const, value })) },
  {
    weight: 1,
    arbitrary: fc.uint8Array({ maxLength: 300 }).map((value) => ({ kind: 'raw' as const, value })),
  },
  { weight: 1, arbitrary: fc.constant({ kind: 'raw' as const, value: undefined }) },
)

/** The binding cookie: absent, random, or a real one, intact, truncated or with a byte changed. */
const bindingCookieMode = fc.oneof(
  fc.constant({ kind: 'none' as const }),
  fc.constant({ kind: 'real' as const }),
  fc.record({ kind: fc.constant('truncated' as const), at: fc.nat() }),
  fc.record({
    kind: fc.constant('tampered' as const),
    at: fc.nat(),
    char: fc.constantFrom('A', '.', '-', '%', '='),
  }),
  fc.record({ kind: fc.constant('random' as const), value: anyString }),
)

export const requestSpec = (route: { method: string; path: string }) =>
  fc.record({
    method: fc.oneof(
      { weight: 6, arbitrary: fc.constant(route.method) },
      { weight: 1, arbitrary: fc.constantFrom(...METHODS) },
    ),
    path: fc.oneof(
      { weight: 6, arbitrary: fc.constant(route.path) },
      {
        weight: 1,
        arbitrary: fc.constantFrom(
          `${route.path}/`,
          `${route.path}//x`,
          `${route.path}%2e%2e/`,
          route.path.toUpperCase(),
          `/.${route.path}`,
        ),
      },
    ),
    query: fc.option(fc.dictionary(fc.string({ maxLength: 12 }), anyString, { maxKeys: 4 }), {
      nil: undefined,
    }),
    user: fc.oneof(
      { weight: 6, arbitrary: fc.constantFrom('alice', 'bob', 'fuzz-user') },
      { weight: 1, arbitrary: fc.constant(undefined) },
      { weight: 1, arbitrary: anyString },
    ),
    bindingCookie: bindingCookieMode,
    connectionId: connectionIdChoice,
    bodyState: fc.oneof(fc.constant('real' as const), fc.constant('absent' as const), anyString),
    extraCookie: fc.option(
      fc.constantFrom(';;;', '=', '%', '%zz=1', 'pelm_binding=a; pelm_binding=b', 'a=\u00ff'),
      { nil: undefined },
    ),
    origin: fc.oneof(
      { weight: 6, arbitrary: fc.constant('same' as const) },
      { weight: 1, arbitrary: fc.constantFrom(null, 'null', 'https://evil.example', '') },
      { weight: 1, arbitrary: headerValue },
    ),
    fetchSite: fc.option(
      fc.constantFrom('same-origin', 'same-site', 'cross-site', 'none', 'bogus'),
      { nil: undefined },
    ),
    contentType: fc.oneof(
      { weight: 4, arbitrary: fc.constantFrom(...CONTENT_TYPES) },
      { weight: 1, arbitrary: headerValue },
    ),
    headers: fc.dictionary(headerName, headerValue, { maxKeys: 4 }),
    body,
  })

export type RequestSpec = ReturnType<typeof requestSpec> extends fc.Arbitrary<infer T> ? T : never

/** Percent-encodes the UTF-8 bytes of any string (lone surrogates included, as U+FFFD). */
const encode = (value: string) =>
  [...Buffer.from(value, 'utf8')]
    .map((byte) =>
      /[\w.~-]/.test(String.fromCharCode(byte))
        ? String.fromCharCode(byte)
        : `%${byte.toString(16).padStart(2, '0')}`,
    )
    .join('')

function mangle(value: string, spec: RequestSpec['bindingCookie']): string {
  if (spec.kind === 'truncated') return value.slice(0, spec.at % (value.length + 1))
  if (spec.kind === 'tampered') {
    const at = spec.at % Math.max(1, value.length)
    return value.slice(0, at) + spec.char + value.slice(at + 1)
  }
  return value
}

/**
 * Real states and binding cookies the app issued to alice, and two real connection ids: one of
 * alice's (`own`) and one of mallory's (`other`), for specs that ask for them.
 */
export interface Pool {
  flows: { state: string; cookie: string }[]
  connections: { own: string; other: string }
}

/** Starts `size` flows for alice at once; `connections` are the ids to aim at. */
export async function flowPool(
  h: Harness,
  size: number,
  connections: Pool['connections'],
): Promise<Pool> {
  return {
    flows: await Promise.all(Array.from({ length: size }, () => h.start('alice'))),
    connections,
  }
}

/** The id a spec names: a real one from the pool, a random one of the right form, or its text. */
function idOf(choice: RequestSpec['connectionId'], pool: Pool): string {
  if (choice === 'own' || choice === 'other') return pool.connections[choice]
  if (choice === 'unknown') return randomConnectionId()
  return choice
}

/** A body's `connectionId` placeholder, replaced by the id it names (as JSON). */
function withConnectionId(body: unknown, pool: Pool): unknown {
  if (typeof body !== 'object' || body === null || !('connectionId' in body)) return body
  const { connectionId } = body as { connectionId: unknown }
  return ['own', 'other', 'unknown'].includes(connectionId as string)
    ? { ...body, connectionId: idOf(connectionId as RequestSpec['connectionId'], pool) }
    : body
}

/**
 * Builds the `Request` a spec describes; a real state comes from the pool, in turn, and a path's
 * `:id` is the connection id the spec names.
 */
export function buildRequest(h: Harness, spec: RequestSpec, pool: Pool, index: number): Request {
  let state: string | undefined
  let cookieValue: string | undefined
  if (spec.bindingCookie.kind === 'random') cookieValue = spec.bindingCookie.value
  else if (spec.bindingCookie.kind !== 'none' || spec.bodyState === 'real') {
    const flow = pool.flows[index % pool.flows.length] ?? { state: '', cookie: '' }
    state = flow.state
    cookieValue = bindingOf(flow.cookie)
    if (spec.bindingCookie.kind !== 'none') cookieValue = mangle(cookieValue, spec.bindingCookie)
    else cookieValue = undefined
  }
  const cookies = [
    spec.user !== undefined && `session=${encode(spec.user)}`,
    cookieValue !== undefined && `pelm_binding=${encode(cookieValue)}`,
    spec.extraCookie,
  ].filter(Boolean)
  const headers = new Headers()
  for (const [name, value] of Object.entries(spec.headers)) headers.set(name, value)
  if (cookies.length > 0) headers.set('cookie', cookies.join('; '))
  if (spec.origin === 'same') headers.set('origin', h.origin)
  else if (spec.origin !== null) headers.set('origin', spec.origin)
  if (spec.fetchSite) headers.set('sec-fetch-site', spec.fetchSite)
  if (spec.contentType) headers.set('content-type', spec.contentType)

  let payload: string | Uint8Array | undefined =
    spec.body.kind === 'json'
      ? (JSON.stringify(withConnectionId(spec.body.value, pool)) ?? 'null')
      : spec.body.value
  if (typeof payload === 'string' && spec.bodyState !== 'absent' && payload.startsWith('{"')) {
    // Put the state where the route reads it, so generated bodies get past the state checks.
    const stateValue = spec.bodyState === 'real' ? state : spec.bodyState
    payload = `{"state":${JSON.stringify(stateValue ?? null)},${payload.slice(1)}`
  }
  const bodyless = ['GET', 'HEAD'].includes(spec.method.toUpperCase())
  const query = spec.query ? `?${new URLSearchParams(spec.query)}` : ''
  const path = spec.path.replace(':id', encode(idOf(spec.connectionId, pool)))
  return new Request(`${h.origin}/api/pelm${path}${query}`, {
    method: spec.method,
    headers,
    body: bodyless ? undefined : (payload as BodyInit | undefined),
  })
}
