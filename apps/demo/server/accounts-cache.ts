import type { PelmAccount, PelmClient } from '@acme/pelm-server'

/** How long a connection's account list answers the usage charts without asking Pelm again. */
export const ACCOUNTS_MAX_AGE_MS = 60_000
/** How many connections' lists it keeps at most (the oldest are forgotten first). */
export const ACCOUNTS_MAX_ENTRIES = 1_000

export interface AccountsCacheOptions {
  pelm: Pick<PelmClient, 'getAccounts'>
  maxAgeMs?: number
  maxEntries?: number
  now?: () => number
}

/** A connection's account list, by the access token that reads it. */
export interface AccountsCache {
  /** Asks Pelm (the accounts page: always fresh) and keeps the answer for `get`. */
  read(accessToken: string): Promise<PelmAccount[]>
  /**
   * The list kept within `maxAgeMs`, else read: the usage charts of one page (one per account)
   * check their account id with one Pelm call at most, shared while it is under way.
   */
  get(accessToken: string): Promise<PelmAccount[]>
}

interface Entry {
  readAt: number
  accounts: Promise<PelmAccount[]>
}

/**
 * A short per-connection memory of Pelm's `GET /accounts`, so that the usage endpoint does not
 * ask Pelm for the whole list again for every chart just to check an account id. Keyed by access
 * token (each connection has its own; a reconnect's new token reads afresh), in this process
 * only, bounded in age and count. A failed read is not kept.
 *
 * @example
 * ```ts
 * const accounts = accountsCache({ pelm })
 * app.get('/api/accounts', accountsHandler({ getUserId, connectionStore, pelm, accounts }))
 * app.get('/api/connections/:connectionId/accounts/:accountId/usage', usageHandler({ …, accounts }))
 * ```
 */
export function accountsCache(options: AccountsCacheOptions): AccountsCache {
  const maxAgeMs = options.maxAgeMs ?? ACCOUNTS_MAX_AGE_MS
  const maxEntries = options.maxEntries ?? ACCOUNTS_MAX_ENTRIES
  const now = options.now ?? Date.now
  const entries = new Map<string, Entry>()

  const forgetOld = (at: number) => {
    // insertion order is age order: every write deletes, then sets
    for (const [token, entry] of entries) {
      if (entries.size <= maxEntries && at - entry.readAt < maxAgeMs) break
      entries.delete(token)
    }
  }

  const read = (accessToken: string) => {
    const readAt = now()
    const entry: Entry = { readAt, accounts: options.pelm.getAccounts(accessToken) }
    entries.delete(accessToken)
    entries.set(accessToken, entry)
    forgetOld(readAt)
    entry.accounts.catch(() => {
      if (entries.get(accessToken) === entry) entries.delete(accessToken)
    })
    return entry.accounts
  }

  return {
    read,
    get(accessToken) {
      const entry = entries.get(accessToken)
      return entry && now() - entry.readAt < maxAgeMs ? entry.accounts : read(accessToken)
    },
  }
}
