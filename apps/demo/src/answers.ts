import * as v from 'valibot'
import type {
  AccountsBody,
  AccountView,
  BillView,
  ConnectionAccounts,
  DemoSettings,
  ErrorBody,
  MeterView,
  SessionBody,
  UsageBody,
} from '../shared/types'

// The demo server's answers as the pages read them, checked before use: each schema is typed as
// producing its shape from `shared/types.ts`, so a field added there and not checked here (or
// checked as the wrong type) fails the type check.

const text = v.string()
const maybeText = v.nullable(text)
const meterType = v.picklist(['ELECTRIC', 'GAS'])

/** `GET /api/session` and `POST /api/session`. */
export const sessionBody: v.GenericSchema<unknown, SessionBody> = v.object({
  user: v.nullable(v.object({ id: text, name: text })),
})

/** `GET /api/config`. */
export const demoSettings: v.GenericSchema<unknown, DemoSettings> = v.object({
  mode: v.picklist(['sandbox', 'live']),
  utilities: v.array(v.object({ slug: text, name: text })),
  sandboxLogins: v.array(v.object({ username: text, password: text, description: text })),
})

const meterView: v.GenericSchema<unknown, MeterView> = v.object({
  id: text,
  type: v.nullable(meterType),
  meterNumber: maybeText,
})

const billView: v.GenericSchema<unknown, BillView> = v.object({
  id: text,
  periodStart: text,
  periodEnd: text,
  statementDate: maybeText,
  dueDate: maybeText,
  amountDue: v.number(),
})

const accountView: v.GenericSchema<unknown, AccountView> = v.object({
  id: text,
  accountNumber: maybeText,
  address: maybeText,
  meters: v.array(meterView),
  latestBills: v.array(billView),
})

const errorDetail: v.GenericSchema<unknown, ErrorBody['error']> = v.object({
  code: text,
  message: text,
})

const connectionAccounts: v.GenericSchema<unknown, ConnectionAccounts> = v.union([
  v.object({ connectionId: text, accounts: v.array(accountView) }),
  v.object({ connectionId: text, error: errorDetail }),
])

/** `GET /api/accounts`. */
export const accountsBody: v.GenericSchema<unknown, AccountsBody> = v.object({
  connections: v.array(connectionAccounts),
})

/** `GET /api/connections/:connectionId/accounts/:accountId/usage`. */
export const usageBody: v.GenericSchema<unknown, UsageBody> = v.object({
  accountId: text,
  from: text,
  to: text,
  series: v.array(
    v.object({
      type: meterType,
      unit: text,
      days: v.array(v.object({ date: text, usage: v.number() })),
    }),
  ),
})
