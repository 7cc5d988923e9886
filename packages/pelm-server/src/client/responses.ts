import { PelmInvalidResponseError } from '../errors'
import {
  array,
  type Check,
  literal,
  nonEmptyString,
  number,
  object,
  optional,
  ShapeError,
  string,
} from './shape'

/** The kinds of meter Pelm reports. */
export type PelmMeterType = 'ELECTRIC' | 'GAS'

const meterType = literal<PelmMeterType>('ELECTRIC', 'GAS')

const meter = object({ id: nonEmptyString, type: optional(meterType) })

const account = object({
  id: nonEmptyString,
  account_number: optional(string),
  address: optional(string),
  available_meter_types: optional(array(meterType)),
  usage_unit: optional(string),
  gas_usage_unit: optional(string),
  ghg_emissions_unit: optional(string),
  meters: array(meter),
})

const bill = object({
  id: nonEmptyString,
  start_date: number,
  end_date: number,
  statement_date: optional(number),
  total_amount_due: number,
  due_date: optional(number),
})

const accountBills = object({ account_id: nonEmptyString, bills: array(bill) })

const interval = object({ start: number, end: optional(number), usage: number })

const intervals = object({
  account_id: optional(string),
  meter_id: optional(string),
  type: optional(meterType),
  unit: optional(string),
  intervals: array(interval),
})

const MAX_LIFETIME_S = 366 * 24 * 3600

/** A lifetime in seconds: positive, and short enough that `now + lifetime` is a valid date. */
const lifetime: Check<number> = (value, path) => {
  const seconds = number(value, path)
  if (seconds <= 0 || seconds > MAX_LIFETIME_S) {
    throw new ShapeError(path, `a lifetime in seconds, above 0 and at most ${MAX_LIFETIME_S}`)
  }
  return seconds
}

/** `POST /auth/connect-token` → `{ connect_token, expires_in }`. */
export const connectTokenResponse = object({
  connect_token: nonEmptyString,
  expires_in: optional(lifetime),
})

/** `POST /auth/token` → `{ access_token, …legacy fields ignored }`. */
export const accessTokenResponse = object({ access_token: nonEmptyString })

/** `GET /accounts`. */
export const accountsResponse = array(account)
/** `GET /bills`. */
export const billsResponse = array(accountBills)
/** `GET /intervals`. */
export const intervalsResponse = intervals

/** A meter of an account, as `GET /accounts` lists it; unknown fields are kept. */
export type PelmMeter = ReturnType<typeof meter>
/** An account (one property) as `GET /accounts` lists it; unknown fields are kept. */
export type PelmAccount = ReturnType<typeof account>
/** One bill; dates in unix seconds. */
export type PelmBill = ReturnType<typeof bill>
/** The bills of one account, as `GET /bills` lists them. */
export type PelmAccountBills = ReturnType<typeof accountBills>
/** One usage reading; times in unix seconds. */
export type PelmInterval = ReturnType<typeof interval>
/** A meter's readings, as `GET /intervals` answers them. */
export type PelmIntervals = ReturnType<typeof intervals>

/**
 * Checks an upstream body, turning a shape failure into {@link PelmInvalidResponseError}. The
 * message names the path, never the value (it may be a token).
 */
export function readResponse<T>(check: Check<T>, body: unknown, operation: string): T {
  try {
    return check(body, 'body')
  } catch (error) {
    if (!(error instanceof ShapeError)) throw error
    throw new PelmInvalidResponseError(
      `Pelm answered ${operation} with an unexpected body: ${error.message}.`,
      { status: 200, cause: error },
    )
  }
}
