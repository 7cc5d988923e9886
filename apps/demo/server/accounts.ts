import {
  type PelmAccount,
  type PelmBill,
  type PelmClient,
  type TokenStore,
  TokenStoreError,
} from '@acme/pelm-server'
import type { Context, Handler } from 'hono'
import type { AccountsBody, AccountView, BillView, UtilityOption } from '../shared/types'
import { jsonError } from './json-error'
import { pelmFailure } from './pelm-failure'

export interface AccountsOptions {
  /** The signed-in user's id, from the session; `undefined` → 401. */
  getUserId: (c: Context) => Promise<string | undefined>
  tokenStore: TokenStore
  pelm: Pick<PelmClient, 'getAccounts' | 'getBills'>
  /** Names the utility a connection asked for. */
  utilities: readonly UtilityOption[]
}

const LATEST_BILLS = 3
const isoDate = (seconds: number | undefined) =>
  seconds === undefined ? null : new Date(seconds * 1000).toISOString().slice(0, 10)

const billView = (bill: PelmBill): BillView => ({
  id: bill.id,
  periodStart: isoDate(bill.start_date) as string,
  periodEnd: isoDate(bill.end_date) as string,
  statementDate: isoDate(bill.statement_date),
  dueDate: isoDate(bill.due_date),
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

/**
 * `GET /api/accounts`: the signed-in user's utility accounts with their meters and latest bills,
 * read from Pelm with the stored access token (which never leaves the server).
 *
 * @example
 * ```ts
 * app.get('/api/accounts', accountsHandler({ getUserId, tokenStore, pelm, utilities: [] }))
 * ```
 */
export function accountsHandler(options: AccountsOptions): Handler {
  const utilityFor = (asked: { id?: string; slug?: string } | undefined): UtilityOption | null => {
    const key = asked?.slug ?? asked?.id
    if (key === undefined) return null
    return options.utilities.find((utility) => utility.slug === key) ?? { slug: key, name: key }
  }

  return async (c) => {
    c.header('Cache-Control', 'no-store')
    const userId = await options.getUserId(c)
    if (!userId) return jsonError(c, 401, 'unauthenticated', 'Sign in to see your accounts.')
    try {
      const record = await options.tokenStore.get(userId)
      if (!record) return c.json({ connected: false, accounts: [] } satisfies AccountsBody)
      const accounts = await options.pelm.getAccounts(record.accessToken)
      const bills = await Promise.all(
        accounts.map((account) =>
          options.pelm.getBills(record.accessToken, { accountId: account.id }),
        ),
      )
      return c.json({
        connected: true,
        connectedAt: record.connectedAt,
        utility: utilityFor(record.utility),
        accounts: accounts.map((account, index) =>
          accountView(
            account,
            (bills[index] ?? []).flatMap((entry) =>
              entry.account_id === account.id ? entry.bills : [],
            ),
          ),
        ),
      } satisfies AccountsBody)
    } catch (error) {
      if (error instanceof TokenStoreError) {
        return jsonError(
          c,
          409,
          'reconnect_required',
          'Your saved connection can no longer be read (was the encryption key changed?). Connect your utility account again.',
        )
      }
      return pelmFailure(c, error)
    }
  }
}
