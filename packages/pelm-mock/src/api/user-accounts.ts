import { type PelmAccount, sampleAccounts } from '../sandbox/sample-data'
import type { PelmUserRecord } from '../sandbox/users'
import { permissionDenied } from './api-error'

/** The accounts of the Pelm User an access token names. */
export const userAccounts = (user: PelmUserRecord): PelmAccount[] =>
  sampleAccounts(user.userId, user.utility)

/**
 * The user's account with this id. Another user's account and an unknown id answer alike
 * (403 `permission_denied`), so ids of other users cannot be probed.
 */
export function ownAccount(accounts: PelmAccount[], accountId: string): PelmAccount {
  const account = accounts.find((candidate) => candidate.id === accountId)
  if (!account)
    throw permissionDenied(`The account ${accountId} is not one of this user's accounts.`)
  return account
}
