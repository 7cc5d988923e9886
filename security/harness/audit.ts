import type { Harness } from './app'

export interface Audit {
  /** Users with a readable record. */
  records: number
  /** Records that are unreadable, or hold a token Pelm does not know or gave another user. */
  inconsistent: number
  /** Users told they are connected (or connected before) who have no working token now. */
  tokensLost: number
  /**
   * Tokens Pelm issued (after `since`, when given) that no record holds: their answer never
   * reached the app, or a newer connection replaced them.
   */
  orphaned: number
}

/** The access tokens the sandbox has issued so far, to pass as `since` later. */
export const issuedTokens = (h: Harness) => new Set(h.mock.store.pelmUsers.keys())

/**
 * Compares the app's token store with the sandbox's memory. `connected` lists the users the app
 * answered `{ connected: true }` to, or who held a connection before a fault.
 */
export async function audit(
  h: Harness,
  connected: Iterable<string> = [],
  since: ReadonlySet<string> = new Set(),
): Promise<Audit> {
  const held = new Map<string, string>()
  let inconsistent = 0
  for (const userId of h.tokens.users()) {
    try {
      const record = await h.tokens.get(userId)
      if (!record) continue
      const owner = h.mock.store.findByAccessToken(record.accessToken)
      if (owner?.userId === userId) held.set(userId, record.accessToken)
      else inconsistent += 1
    } catch {
      inconsistent += 1
    }
  }
  const tokensLost = [...new Set(connected)].filter((userId) => !held.has(userId)).length
  const stored = new Set(held.values())
  const orphaned = [...h.mock.store.pelmUsers.keys()].filter(
    (token) => !since.has(token) && !stored.has(token),
  ).length
  return { records: held.size, inconsistent, tokensLost, orphaned }
}
