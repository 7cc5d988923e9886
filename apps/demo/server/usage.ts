import type { ConnectionStore, PelmClient, PelmMeterType } from '@acme/pelm-server'
import type { Context, Handler } from 'hono'
import type { UsageBody, UsageSeries } from '../shared/types'
import type { AccountsCache } from './accounts-cache'
import { jsonError } from './json-error'
import { pelmFailureResponse } from './pelm-failure'

export interface UsageOptions {
  getUserId: (c: Context) => Promise<string | undefined>
  connectionStore: ConnectionStore
  pelm: Pick<PelmClient, 'getIntervals'>
  /** The connection's account list, to check the account id: kept since the accounts page read it. */
  accounts: AccountsCache
  /** How many whole days to chart, ending yesterday (UTC). Default 28. */
  days?: number
  now?: () => number
}

const DAY_MS = 86_400_000
const UNITS: Record<PelmMeterType, string> = { ELECTRIC: 'kWh', GAS: 'therms' }
const dayOf = (ms: number) => new Date(ms).toISOString().slice(0, 10)

/** Sums readings into one total per UTC day, every day of the range present (0 when none). */
function dailyTotals(
  intervals: readonly { start: number; usage: number }[],
  fromMs: number,
  days: number,
): UsageSeries['days'] {
  const totals = new Map<string, number>()
  for (let day = 0; day < days; day++) totals.set(dayOf(fromMs + day * DAY_MS), 0)
  for (const { start, usage } of intervals) {
    const date = dayOf(start * 1000)
    const total = totals.get(date)
    if (total !== undefined) totals.set(date, total + usage)
  }
  return [...totals].map(([date, usage]) => ({ date, usage: Math.round(usage * 10) / 10 }))
}

/**
 * `GET /api/connections/:connectionId/accounts/:accountId/usage`: the account's electricity and
 * gas use per day over the last weeks, from Pelm's 15-minute intervals, summed on the server so
 * the browser gets a few dozen numbers instead of thousands of readings. 404 for a connection or
 * account that is not the signed-in user's.
 *
 * @example
 * ```ts
 * app.get('/api/connections/:connectionId/accounts/:accountId/usage', usageHandler({ getUserId, connectionStore, pelm, accounts }))
 * ```
 */
export function usageHandler(options: UsageOptions): Handler {
  const days = options.days ?? 28
  const now = options.now ?? Date.now
  return async (c) => {
    c.header('Cache-Control', 'no-store')
    const userId = await options.getUserId(c)
    if (!userId) return jsonError(c, 401, 'unauthenticated', 'Sign in to see your usage.')
    const accountId = c.req.param('accountId') ?? ''
    try {
      const record = await options.connectionStore.get(userId, c.req.param('connectionId') ?? '')
      if (!record) {
        return jsonError(c, 404, 'connection_not_found', 'You have no such connection.')
      }
      const account = (await options.accounts.get(record.accessToken)).find(
        (candidate) => candidate.id === accountId,
      )
      if (!account) {
        return jsonError(c, 404, 'account_not_found', 'This connection has no such account.')
      }
      const toMs = Math.floor(now() / DAY_MS) * DAY_MS
      const fromMs = toMs - days * DAY_MS
      const types = [
        ...new Set(account.meters.flatMap((meter) => (meter.type ? [meter.type] : []))),
      ].sort()
      const series = await Promise.all(
        types.map(async (type): Promise<UsageSeries> => {
          const answer = await options.pelm.getIntervals(record.accessToken, {
            accountId,
            type,
            startDate: fromMs / 1000,
            endDate: toMs / 1000,
          })
          return {
            type,
            unit: answer.unit ?? UNITS[type],
            days: dailyTotals(answer.intervals, fromMs, days),
          }
        }),
      )
      return c.json({
        accountId,
        from: dayOf(fromMs),
        to: dayOf(toMs - DAY_MS),
        series,
      } satisfies UsageBody)
    } catch (error) {
      return pelmFailureResponse(c, error)
    }
  }
}
