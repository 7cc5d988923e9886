import fc from 'fast-check'
import { anyString } from './fuzz-requests'

/** One answer of the fake Pelm to one attempt. */
export type UpstreamAnswer =
  | { kind: 'response'; status: number; contentType: string; body: string }
  | { kind: 'reject'; error: 'fetch failed' | 'refused' | 'abort' | 'not an error' }
  | { kind: 'broken body'; status: number; prefix: string }
  | { kind: 'hang'; honoursAbort: boolean }

const shapes = {
  connectToken: fc.record(
    {
      connect_token: fc.oneof(anyString, fc.jsonValue({ maxDepth: 1 })),
      expires_in: fc.oneof(
        fc.constantFrom(1800, 0, -1, 1e20, 1e308, 0.5, Number.MAX_SAFE_INTEGER),
        fc.double(),
        fc.jsonValue({ maxDepth: 1 }),
      ),
    },
    { requiredKeys: [] },
  ),
  accessToken: fc.record(
    {
      access_token: fc.oneof(anyString, fc.jsonValue({ maxDepth: 1 })),
      access_token_expires_in: fc.jsonValue({ maxDepth: 1 }),
      refresh_token: fc.jsonValue({ maxDepth: 1 }),
    },
    { requiredKeys: [] },
  ),
  account: fc.record(
    {
      id: fc.oneof(anyString, fc.jsonValue({ maxDepth: 1 })),
      account_number: fc.jsonValue({ maxDepth: 1 }),
      available_meter_types: fc.oneof(
        fc.array(fc.constantFrom('ELECTRIC', 'GAS', 'WATER', 1)),
        fc.jsonValue({ maxDepth: 1 }),
      ),
      meters: fc.oneof(
        fc.array(
          fc.record(
            {
              id: fc.oneof(fc.string(), fc.integer()),
              type: fc.constantFrom('ELECTRIC', 'GAS', 'X'),
            },
            { requiredKeys: [] },
          ),
        ),
        fc.jsonValue({ maxDepth: 1 }),
      ),
    },
    { requiredKeys: [] },
  ),
  user: fc.record(
    {
      id: fc.oneof(anyString, fc.jsonValue({ maxDepth: 1 })),
      utility: fc.oneof(
        fc.record(
          {
            id: fc.oneof(anyString, fc.jsonValue({ maxDepth: 1 })),
            full_name: fc.oneof(anyString, fc.jsonValue({ maxDepth: 1 })),
          },
          { requiredKeys: [] },
        ),
        fc.jsonValue({ maxDepth: 1 }),
      ),
      utility_username: fc.oneof(anyString, fc.jsonValue({ maxDepth: 1 })),
      credentials_valid: fc.oneof(fc.boolean(), fc.jsonValue({ maxDepth: 1 })),
    },
    { requiredKeys: [] },
  ),
  error: fc.record(
    {
      error_code: fc.oneof(
        fc.constantFrom(
          'parameter_invalid',
          'token_invalid',
          'credentials_invalid',
          'data_unavailable',
          'internal_error',
          'quota_reached',
        ),
        anyString,
        fc.jsonValue({ maxDepth: 1 }),
      ),
      error_message: fc.oneof(anyString, fc.jsonValue({ maxDepth: 1 })),
      message: fc.oneof(anyString, fc.jsonValue({ maxDepth: 1 })),
    },
    { requiredKeys: [] },
  ),
}

const jsonText = fc
  .oneof(
    shapes.connectToken,
    shapes.accessToken,
    fc.array(shapes.account, { maxLength: 3 }),
    shapes.account,
    shapes.user,
    shapes.error,
    fc.jsonValue({ maxDepth: 3 }),
  )
  .map((value) => JSON.stringify(value) ?? 'null')

const bodyText = fc.oneof(
  { weight: 6, arbitrary: jsonText },
  {
    weight: 2,
    arbitrary: fc
      .tuple(jsonText, fc.nat())
      .map(([text, cut]) => text.slice(0, cut % (text.length + 1))),
  },
  {
    weight: 1,
    arbitrary: fc.constantFrom(
      '',
      '<html>502 Bad Gateway</html>',
      'null',
      '\uFEFF{}',
      '{"a":1}{"b":2}',
    ),
  },
  { weight: 1, arbitrary: anyString },
)

const status = fc.oneof(
  { weight: 4, arbitrary: fc.constantFrom(200, 400, 401, 403, 404, 429, 500, 502, 503, 504) },
  { weight: 1, arbitrary: fc.constantFrom(201, 204, 301, 302, 304, 307, 402, 409, 410, 418, 599) },
  { weight: 1, arbitrary: fc.integer({ min: 200, max: 599 }) },
)

export const upstreamAnswer: fc.Arbitrary<UpstreamAnswer> = fc.oneof(
  {
    weight: 20,
    arbitrary: fc.record({
      kind: fc.constant('response' as const),
      status,
      contentType: fc.constantFrom(
        'application/json',
        'text/html',
        'text/plain',
        '',
        'application/json; charset=utf-8',
      ),
      body: bodyText,
    }),
  },
  {
    weight: 2,
    arbitrary: fc.record({
      kind: fc.constant('reject' as const),
      error: fc.constantFrom(
        'fetch failed' as const,
        'refused' as const,
        'abort' as const,
        'not an error' as const,
      ),
    }),
  },
  {
    weight: 1,
    arbitrary: fc.record({ kind: fc.constant('broken body' as const), status, prefix: jsonText }),
  },
  {
    weight: 1,
    arbitrary: fc.record({ kind: fc.constant('hang' as const), honoursAbort: fc.boolean() }),
  },
)

/** Extra fields Pelm might add: they must be kept or ignored, never break the checks. */
const extras = fc.dictionary(fc.string({ maxLength: 8 }), fc.jsonValue({ maxDepth: 1 }), {
  maxKeys: 3,
})
const id = fc.string({ minLength: 1, maxLength: 12 })
const meterType = fc.constantFrom('ELECTRIC', 'GAS')
const seconds = fc.integer({ min: 0, max: 2_000_000_000 })

/** Bodies of the right shape for each operation, with random values and extra fields. */
export const wellFormed = {
  createConnectToken: fc.record({
    connect_token: id,
    expires_in: fc.option(fc.integer({ min: 1, max: 7200 }), { nil: undefined }),
  }),
  exchangeCode: fc.record({
    access_token: id,
    refresh_token: fc.string(),
    access_token_expires_in: fc.nat(),
  }),
  getAccounts: fc.array(
    fc.record({
      id,
      account_number: fc.string(),
      available_meter_types: fc.array(meterType),
      meters: fc.array(fc.record({ id, type: meterType }), { maxLength: 2 }),
    }),
    { maxLength: 3 },
  ),
  getBills: fc.array(
    fc.record({
      account_id: id,
      bills: fc.array(
        fc.record({
          id,
          start_date: seconds,
          end_date: seconds,
          total_amount_due: fc.double({ noNaN: true, noDefaultInfinity: true }),
        }),
        { maxLength: 3 },
      ),
    }),
    { maxLength: 2 },
  ),
  getUser: fc.record({
    id,
    utility: fc.record({ id, full_name: fc.string() }),
    utility_username: fc.string(),
    credentials_valid: fc.boolean(),
  }),
  deleteUser: fc.oneof(fc.constant({}), fc.record({ id, deleted: fc.constant(true) })),
  getIntervals: fc.record({
    account_id: id,
    type: meterType,
    unit: fc.constantFrom('kWh', 'therms'),
    intervals: fc.array(
      fc.record({
        start: seconds,
        end: seconds,
        usage: fc.double({ noNaN: true, noDefaultInfinity: true }),
      }),
      { maxLength: 4 },
    ),
  }),
}

/** A script for `operation`: generated answers, often ending in a well-formed one. */
export const scriptFor = (operation: keyof typeof wellFormed) =>
  fc
    .tuple(
      fc.array(upstreamAnswer, { maxLength: 3 }),
      fc.option(
        fc.tuple(wellFormed[operation] as fc.Arbitrary<object>, extras).map(
          ([body, more]): UpstreamAnswer => ({
            kind: 'response',
            status: 200,
            contentType: 'application/json',
            body: JSON.stringify(Array.isArray(body) ? body : { ...more, ...body }),
          }),
        ),
        { nil: undefined, freq: 2 },
      ),
    )
    .map(([answers, last]) => (last ? [...answers, last] : answers))
    .filter((answers) => answers.length > 0)

export { scriptedFetch } from './scripted-fetch'
