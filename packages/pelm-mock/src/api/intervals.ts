import type { SandboxContext } from '../sandbox/context'
import {
  type MeterType,
  type PelmAccount,
  sampleIntervals,
  USAGE_UNITS,
} from '../sandbox/sample-data'
import { apiFactory } from './api-env'
import { parameterInvalid, parameterMissing, permissionDenied } from './api-error'
import { dataReady } from './data-ready'
import { dateRange } from './date-range'
import { queryParams } from './query-params'
import type { TextFields } from './text-fields'
import { ownAccount, userAccounts } from './user-accounts'

/** Own keys only: `in` also finds `constructor`, `toString`, `__proto__`… on the prototype. */
const isMeterType = (value: string): value is MeterType => Object.hasOwn(USAGE_UNITS, value)

function meterType(fields: TextFields): MeterType | undefined {
  const type = fields.optional('type')
  if (type === undefined || isMeterType(type)) return type
  throw parameterInvalid(`type must be ELECTRIC or GAS, not "${type}".`)
}

/** The meter a request names: by `meter_id`, or by `account_id` and `type`. */
function selectMeter(accounts: PelmAccount[], fields: TextFields) {
  const accountId = fields.optional('account_id')
  const account = accountId === undefined ? undefined : ownAccount(accounts, accountId)
  const meterId = fields.optional('meter_id')
  const type = meterType(fields)
  if (meterId !== undefined) {
    const found = accounts
      .flatMap((owner) => owner.meters.map((meter) => ({ account: owner, meter })))
      .find(({ meter }) => meter.id === meterId)
    if (!found) throw permissionDenied(`The meter ${meterId} is not one of this user's meters.`)
    if (account && found.account !== account) {
      throw parameterInvalid(`The meter ${meterId} does not belong to the account ${accountId}.`)
    }
    if (type && found.meter.type !== type) {
      throw parameterInvalid(`The meter ${meterId} is a ${found.meter.type} meter, not ${type}.`)
    }
    return found
  }
  if (!account) throw parameterMissing('The query parameter account_id (or meter_id) is required.')
  if (!type) throw parameterMissing('The query parameter type (ELECTRIC or GAS) is required.')
  const meter = account.meters.find((candidate) => candidate.type === type)
  if (!meter) throw parameterInvalid(`The account ${account.id} has no ${type} meter.`)
  return { account, meter }
}

/**
 * `GET /intervals?account_id=…&type=ELECTRIC|GAS` (or `meter_id=…`), with optional `start_date`
 * and `end_date`: the meter's 15-minute readings in the range, up to now.
 */
export function intervalsHandlers(context: Pick<SandboxContext, 'now' | 'dataDelayMs'>) {
  return apiFactory.createHandlers(
    queryParams((fields, c) => ({
      ...selectMeter(userAccounts(c.var.pelmUser), fields),
      range: dateRange(fields, context.now()),
    })),
    dataReady(context),
    (c) => {
      const { account, meter, range } = c.req.valid('query')
      const end = Math.min(range.end, Math.floor(context.now() / 1000))
      return c.json({
        account_id: account.id,
        meter_id: meter.id,
        type: meter.type,
        unit: USAGE_UNITS[meter.type],
        intervals: sampleIntervals(meter, range.start, end),
      })
    },
  )
}
