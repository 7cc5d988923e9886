import * as v from 'valibot'
import { MAX_ACCESS_TOKEN_LENGTH, VISIBLE_ASCII } from '../access-token'
import { PelmInvalidResponseError } from '../errors'
import { isStorableText } from '../text'

/** The kinds of meter Pelm reports. */
export type PelmMeterType = 'ELECTRIC' | 'GAS'

/** `null` reads as absent: Pelm sends both for a missing value. */
const maybe = <S extends v.GenericSchema>(schema: S) =>
  v.pipe(
    v.nullish(schema),
    v.transform((value) => value ?? undefined),
  )
const nonEmpty = v.pipe(v.string('a non-empty string'), v.minLength(1, 'a non-empty string'))
const finite = v.pipe(v.number('a number'), v.finite('a number'))
const meterType = v.picklist(['ELECTRIC', 'GAS'], 'one of ELECTRIC, GAS')
/** An id Pelm may send as a number or a string; read as a string. */
const id = v.pipe(
  v.union([nonEmpty, v.pipe(v.number(), v.integer())], 'a non-empty string or an integer'),
  v.transform((value) => String(value)),
)

const string = v.string('a string')
/**
 * What Pelm says of a login, kept in the connection record: at most 1024 characters of Unicode
 * text without NUL, so every store keeps it as it is (PostgreSQL refuses a NUL in text, and UTF-8
 * turns a lone surrogate into U+FFFD, another login than the one compared with).
 */
const label = v.pipe(
  string,
  v.check(
    (text) => text.length <= 1024 && isStorableText(text),
    'Unicode text without NUL, at most 1024 characters',
  ),
)
const object = <E extends v.ObjectEntries>(entries: E) => v.looseObject(entries, 'an object')
const array = <S extends v.GenericSchema>(item: S) => v.array(item, 'an array')

// Data objects are loose: fields Pelm adds reach the caller.
const meter = object({ id: nonEmpty, type: maybe(meterType) })
const account = object({
  id: nonEmpty,
  account_number: maybe(string),
  address: maybe(string),
  available_meter_types: maybe(array(meterType)),
  usage_unit: maybe(string),
  gas_usage_unit: maybe(string),
  ghg_emissions_unit: maybe(string),
  meters: array(meter),
})
const bill = object({
  id: nonEmpty,
  start_date: finite,
  end_date: finite,
  statement_date: maybe(finite),
  total_amount_due: finite,
  due_date: maybe(finite),
})
const accountBills = object({ account_id: nonEmpty, bills: array(bill) })
const interval = object({ start: finite, end: maybe(finite), usage: finite })
const intervals = object({
  account_id: maybe(string),
  meter_id: maybe(string),
  type: maybe(meterType),
  unit: maybe(string),
  intervals: array(interval),
})

const MAX_LIFETIME_S = 366 * 24 * 3600

/** `POST /auth/connect-token` → `{ connect_token, expires_in }`. */
export const connectTokenResponse = object({
  connect_token: nonEmpty,
  // positive and short enough that `now + lifetime` is a valid date
  expires_in: maybe(
    v.pipe(
      finite,
      v.gtValue(0, `a lifetime in seconds, above 0 and at most ${MAX_LIFETIME_S}`),
      v.maxValue(MAX_LIFETIME_S, `a lifetime in seconds, above 0 and at most ${MAX_LIFETIME_S}`),
    ),
  ),
})
/** `POST /auth/token` → `{ access_token, …legacy fields ignored }`. */
export const accessTokenResponse = object({
  access_token: v.pipe(
    nonEmpty,
    v.maxLength(MAX_ACCESS_TOKEN_LENGTH, `at most ${MAX_ACCESS_TOKEN_LENGTH} characters`),
    v.regex(VISIBLE_ASCII, 'visible ASCII characters (a Bearer token)'),
  ),
})
/** `GET /users/{user_id}` → `{ id, utility: { id, full_name }, utility_username, credentials_valid }`. */
export const userResponse = v.pipe(
  object({
    id: id,
    utility: object({ id: id, full_name: maybe(label) }),
    utility_username: maybe(label),
    credentials_valid: v.boolean('true or false'),
  }),
  v.transform((user) => ({
    id: user.id,
    utility: { id: user.utility.id, name: user.utility.full_name },
    utilityUsername: user.utility_username,
    credentialsValid: user.credentials_valid,
  })),
)
/** `GET /accounts`. */
export const accountsResponse = array(account)
/** `GET /bills`. */
export const billsResponse = array(accountBills)
/** `GET /intervals`. */
export const intervalsResponse = intervals

/** A meter of an account, as `GET /accounts` lists it; unknown fields are kept. */
export type PelmMeter = v.InferOutput<typeof meter>
/** An account (one property) as `GET /accounts` lists it; unknown fields are kept. */
export type PelmAccount = v.InferOutput<typeof account>
/** One bill; dates in unix seconds. */
export type PelmBill = v.InferOutput<typeof bill>
/** The bills of one account, as `GET /bills` lists them. */
export type PelmAccountBills = v.InferOutput<typeof accountBills>
/** One usage reading; times in unix seconds. */
export type PelmInterval = v.InferOutput<typeof interval>
/** A meter's readings, as `GET /intervals` answers them. */
export type PelmIntervals = v.InferOutput<typeof intervals>
/**
 * A User at Pelm: one utility login. `credentialsValid: false` means Pelm can no longer pull
 * data with it (the person changed their utility password): they must go through Connect again.
 */
export type PelmUser = v.InferOutput<typeof userResponse>

/**
 * Checks an upstream body, turning a schema failure into {@link PelmInvalidResponseError}. The
 * message names the path and what was expected, never the value (it may be a token).
 */
export function readResponse<S extends v.GenericSchema>(
  schema: S,
  body: unknown,
  operation: string,
): v.InferOutput<S> {
  const result = v.safeParse(schema, body)
  if (result.success) return result.output
  const [issue] = result.issues
  const path = ['body', ...(issue.path ?? []).map((item) => String(item.key))]
    .join('.')
    .replace(/\.(\d+)(?=\.|$)/g, '[$1]')
  throw new PelmInvalidResponseError(
    `Pelm answered ${operation} with an unexpected body: ${path} must be ${issue.message}.`,
    { status: 200 },
  )
}
