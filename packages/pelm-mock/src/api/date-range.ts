import { parameterInvalid } from './api-error'
import type { TextFields } from './text-fields'

/** The longest range `start_date`..`end_date` the data endpoints serve. */
export const MAX_RANGE_DAYS = 400

const DAY_SECONDS = 86_400

function unixSeconds(fields: TextFields, name: string): number | undefined {
  const value = fields.optional(name)
  if (value === undefined) return undefined
  if (!/^\d{1,12}$/.test(value)) {
    throw parameterInvalid(`${name} must be a unix timestamp in seconds, not "${value}".`)
  }
  return Number(value)
}

function twoMonthsBefore(seconds: number): number {
  const date = new Date(seconds * 1000)
  date.setUTCMonth(date.getUTCMonth() - 2)
  return Math.floor(date.getTime() / 1000)
}

/**
 * The `[start_date, end_date)` range of a data request in unix seconds. `end_date` defaults to
 * now and `start_date` to two months before `end_date`.
 */
export function dateRange(fields: TextFields, nowMs: number): { start: number; end: number } {
  const end = unixSeconds(fields, 'end_date') ?? Math.floor(nowMs / 1000)
  const start = unixSeconds(fields, 'start_date') ?? twoMonthsBefore(end)
  if (end <= start) throw parameterInvalid('end_date must be after start_date.')
  if (end - start > MAX_RANGE_DAYS * DAY_SECONDS) {
    throw parameterInvalid(`The range from start_date to end_date exceeds ${MAX_RANGE_DAYS} days.`)
  }
  return { start, end }
}
