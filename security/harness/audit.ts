import type { Harness } from './app'

/** A connection the app confirmed to a user (an exchange answered 200), or held before a fault. */
export interface Held {
  userId: string
  connectionId: string
}

export interface Audit {
  /** Readable records holding a token Pelm issued to that record's Pelm user. */
  records: number
  /** Records that are unreadable, or hold a token Pelm does not know or gave another Pelm user. */
  inconsistent: number
  /** Connections confirmed (or held before a fault) that have no working record now. */
  tokensLost: number
  /**
   * Tokens Pelm issued (after `since`, when given) that no record holds: their answer never
   * reached the app, or a newer exchange replaced them.
   */
  orphaned: number
}

/** The access tokens the sandbox has issued so far, to pass as `since` later. */
export const issuedTokens = (h: Harness) => new Set(h.issuedTokens().keys())

/**
 * Compares the app's connection store with the sandbox's memory. `held` lists the connections
 * the app confirmed, or that existed before a fault.
 */
export async function audit(
  h: Harness,
  held: Iterable<Held> = [],
  since: ReadonlySet<string> = new Set(),
): Promise<Audit> {
  const working = new Set<string>()
  const stored = new Set<string>()
  let inconsistent = 0
  for (const userId of h.store.users()) {
    let records: Awaited<ReturnType<Harness['store']['list']>>
    try {
      records = await h.store.list(userId)
    } catch {
      inconsistent += 1
      continue
    }
    for (const record of records) {
      stored.add(record.accessToken)
      const owner = h.mock.store.findByAccessToken(record.accessToken)
      if (owner?.userId === record.pelmUserId) working.add(`${userId}\u0000${record.id}`)
      else inconsistent += 1
    }
  }
  const confirmed = new Set([...held].map((item) => `${item.userId}\u0000${item.connectionId}`))
  const tokensLost = [...confirmed].filter((key) => !working.has(key)).length
  const orphaned = [...h.issuedTokens().keys()].filter(
    (token) => !since.has(token) && !stored.has(token),
  ).length
  return { records: working.size, inconsistent, tokensLost, orphaned }
}
