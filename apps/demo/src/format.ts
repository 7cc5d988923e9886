import type { Connection } from '@acme/pelm-react'

const dateTime = new Intl.DateTimeFormat('en-US', { dateStyle: 'medium', timeStyle: 'short' })
const date = new Intl.DateTimeFormat('en-US', { dateStyle: 'medium', timeZone: 'UTC' })
const shortDate = new Intl.DateTimeFormat('en-US', {
  month: 'short',
  day: 'numeric',
  timeZone: 'UTC',
})
const money = new Intl.NumberFormat('en-US', { style: 'currency', currency: 'USD' })

export const formatDateTime = (iso: string) => dateTime.format(new Date(iso))
/** A calendar date (`YYYY-MM-DD`, no time zone). */
export const formatDate = (day: string) => date.format(new Date(`${day}T00:00:00Z`))
export const formatPeriod = (start: string, end: string) =>
  `${shortDate.format(new Date(`${start}T00:00:00Z`))} – ${shortDate.format(new Date(`${end}T00:00:00Z`))}`
export const formatMoney = (amount: number) => money.format(amount)
const usageNumber = new Intl.NumberFormat('en-US', { maximumFractionDigits: 1 })

/** `Apr 12` for a calendar date (`YYYY-MM-DD`, UTC). */
export const formatShortDate = (day: string) => shortDate.format(new Date(`${day}T00:00:00Z`))
/** `1,234.5` (a table cell under a header that names the unit); `—` for a day without a value. */
export const formatUsageAmount = (amount: number | undefined) =>
  amount === undefined ? '—' : usageNumber.format(amount)
/** `14.7 kWh`. */
export const formatUsage = (amount: number, unit: string) => `${formatUsageAmount(amount)} ${unit}`

/** How the pages name a connection: its utility's name, as Pelm's Get user reported it. */
export const utilityName = (connection: Pick<Connection, 'utility'>) =>
  connection.utility?.name ?? connection.utility?.slug ?? 'Utility account'
