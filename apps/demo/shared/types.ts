// The JSON the demo's own routes answer; the server builds it, the React app reads it.

export interface DemoUser {
  id: string
  name: string
}

/** `GET /api/session`. */
export interface SessionBody {
  user: DemoUser | null
}

export interface UtilityOption {
  slug: string
  name: string
}

export interface SandboxLoginHint {
  username: string
  password: string
  description: string
}

/** `GET /api/config`: what the pages show about where Pelm is. */
export interface DemoSettings {
  mode: 'sandbox' | 'live'
  /** Utilities offered on the connect page; empty: the choice is left to Pelm Connect. */
  utilities: UtilityOption[]
  /** Sandbox mode only: the logins its Connect pages accept. */
  sandboxLogins: SandboxLoginHint[]
}

export interface MeterView {
  id: string
  type: 'ELECTRIC' | 'GAS' | null
  meterNumber: string | null
}

export interface BillView {
  id: string
  /** ISO dates (YYYY-MM-DD). */
  periodStart: string
  periodEnd: string
  statementDate: string | null
  dueDate: string | null
  amountDue: number
}

export interface AccountView {
  id: string
  accountNumber: string | null
  address: string | null
  meters: MeterView[]
  /** Newest first, at most three. */
  latestBills: BillView[]
}

/** One connection's part of `GET /api/accounts`: its accounts, or why they could not be read. */
export type ConnectionAccounts =
  | { connectionId: string; accounts: AccountView[] }
  | { connectionId: string; error: ErrorBody['error'] }

/**
 * `GET /api/accounts`: the accounts of every connection, grouped under it, in the order of
 * `GET /api/pelm/connections`. One connection failing (Pelm still loading its data, a login that
 * no longer works) fails that group only.
 */
export interface AccountsBody {
  connections: ConnectionAccounts[]
}

/** One meter type's daily use, oldest day first. */
export interface UsageSeries {
  type: 'ELECTRIC' | 'GAS'
  /** `kWh` for electricity, `therms` for gas (what Pelm reports). */
  unit: string
  days: { date: string; usage: number }[]
}

/** `GET /api/connections/:connectionId/accounts/:accountId/usage`: the last weeks, per day (UTC). */
export interface UsageBody {
  accountId: string
  /** The first and last day covered (`YYYY-MM-DD`, UTC). */
  from: string
  to: string
  series: UsageSeries[]
}

/** Every error answer, from the demo's routes and from `pelmRoutes`. */
export interface ErrorBody {
  error: { code: string; message: string }
}
