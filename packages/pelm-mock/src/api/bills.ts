import type { SandboxContext } from '../sandbox/context'
import { sampleBills } from '../sandbox/sample-data'
import { apiFactory } from './api-env'
import { dataReady } from './data-ready'
import { queryParams } from './query-params'
import { ownAccount, userAccounts } from './user-accounts'

/** `GET /bills?account_id=…`: the account's monthly bills, as `[{ account_id, bills }]`. */
export function billsHandlers(context: Pick<SandboxContext, 'now' | 'dataDelayMs'>) {
  return apiFactory.createHandlers(
    queryParams((fields, c) =>
      ownAccount(userAccounts(c.var.pelmUser), fields.required('account_id')),
    ),
    dataReady(context),
    (c) => {
      const account = c.req.valid('query')
      return c.json([{ account_id: account.id, bills: sampleBills(account, context.now()) }])
    },
  )
}
