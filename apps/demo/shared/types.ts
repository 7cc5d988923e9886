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

/** `GET /api/accounts`. */
export type AccountsBody =
  | { connected: false; accounts: [] }
  | { connected: true; connectedAt: string; utility: UtilityOption | null; accounts: AccountView[] }

/** Every error answer, from the demo's routes and from `pelmRoutes`. */
export interface ErrorBody {
  error: { code: string; message: string }
}
