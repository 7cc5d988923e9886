import type { SandboxContext } from '../sandbox/context'
import { apiFactory } from './api-env'
import { dataReady } from './data-ready'
import { userAccounts } from './user-accounts'

/** `GET /accounts`: the accounts (properties) of the token's Pelm User, with their meters. */
export function accountsHandlers(context: Pick<SandboxContext, 'now' | 'dataDelayMs'>) {
  return apiFactory.createHandlers(dataReady(context), (c) => c.json(userAccounts(c.var.pelmUser)))
}
