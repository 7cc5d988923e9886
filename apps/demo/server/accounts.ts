import type {
  ConnectionRecord,
  ConnectionStore,
  PelmAccount,
  PelmBill,
  PelmClient,
} from '@acme/pelm-server'
import type { Context, Handler } from 'hono'
import type { AccountsBody, AccountView, BillView, ConnectionAccounts } from '../shared/types'
import type { AccountsCache } from './accounts-cache'
import { jsonError } from './json-error'
import { pelmFailure, pelmFailureResponse } from './pelm-failure'

export interface AccountsOptions {
  /** The signed-in user's id, from the session; `undefined` → 401. */
  getUserId: (c: Context) => Promise<string | undefined>
  connectionStore: ConnectionStore
  pelm: Pick<PelmClient, 'getBills'>
  /** Reads each connection's account list, and keeps it for the usage charts. */
  accounts: AccountsCache
}

const LATEST_BILLS = 3
const isoDate = (seconds: number) => new Date(seconds * 1000).toISOString().slice(0, 10)
const maybeIsoDate = (seconds: number | undefined) =>
  seconds === undefined ? null : isoDate(seconds)

const billView = (bill: PelmBill): BillView => ({
  id: bill.id,
  periodStart: isoDate(bill.start_date),
  periodEnd: isoDate(bill.end_date),
  statementDate: maybeIsoDate(bill.statement_date),
  dueDate: maybeIsoDate(bill.due_date),
  amountDue: bill.total_amount_due,
})

const accountView = (account: PelmAccount, bills: readonly PelmBill[]): AccountView => ({
  id: account.id,
  accountNumber: account.account_number ?? null,
  address: account.address ?? null,
  meters: account.meters.map((meter) => ({
    id: meter.id,
    type: meter.type ?? null,
    meterNumber: typeof meter.meter_number === 'string' ? meter.meter_number : null,
  })),
  latestBills: [...bills]
    .sort((a, b) => b.end_date - a.end_date)
    .slice(0, LATEST_BILLS)
    .map(billView),
})

/** One connection's accounts and bills, read with its own access token (one Pelm User each). */
async function accountsOf(
  { pelm, accounts: cache }: Pick<AccountsOptions, 'pelm' | 'accounts'>,
  record: ConnectionRecord,
): Promise<ConnectionAccounts> {
  try {
    const accounts = await cache.read(record.accessToken)
    const bills = await Promise.all(
      accounts.map((account) => pelm.getBills(record.accessToken, { accountId: account.id })),
    )
    return {
      connectionId: record.id,
      accounts: accounts.map((account, index) =>
        accountView(
          account,
          (bills[index] ?? []).flatMap((entry) =>
            entry.account_id === account.id ? entry.bills : [],
          ),
        ),
      ),
    }
  } catch (error) {
    const failure = pelmFailure(error)
    if (!failure) throw error
    return { connectionId: record.id, error: { code: failure.code, message: failure.message } }
  }
}

/**
 * `GET /api/accounts`: the signed-in user's utility accounts with their meters and latest bills,
 * grouped under the connection they come from (each connection is one Pelm User with its own
 * access token, which never leaves the server). A connection whose data cannot be read carries
 * its own `error`; the others still answer. `?connection=<id>` (repeatable) reads only those
 * connections: the page asks again for the one whose data Pelm is still gathering, not for all.
 *
 * @example
 * ```ts
 * app.get('/api/accounts', accountsHandler({ getUserId, connectionStore, pelm, accounts: accountsCache({ pelm }) }))
 * ```
 */
export function accountsHandler(options: AccountsOptions): Handler {
  return async (c) => {
    c.header('Cache-Control', 'no-store')
    const userId = await options.getUserId(c)
    if (!userId) return jsonError(c, 401, 'unauthenticated', 'Sign in to see your accounts.')
    let records: ConnectionRecord[]
    try {
      records = await options.connectionStore.list(userId)
    } catch (error) {
      return pelmFailureResponse(c, error)
    }
    const only = c.req.queries('connection')
    const chosen = only ? records.filter((record) => only.includes(record.id)) : records
    const connections = await Promise.all(chosen.map((record) => accountsOf(options, record)))
    return c.json({ connections } satisfies AccountsBody)
  }
}
