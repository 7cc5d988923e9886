/** What {@link slowUpstream} saw of the calls it held. */
export interface SlowUpstreamStats {
  /** Calls held so far. */
  calls: number
  /** Held calls in flight now. */
  active: number
  /** The most held calls in flight at once. */
  maxActive: number
}

/**
 * Wraps a fetch so that the calls `holds(method, url)` selects wait `delayMs` before they go
 * through, counting them and how many run at once: a slow Pelm, for concurrency tests.
 */
export function slowUpstream(
  fetch: typeof globalThis.fetch,
  holds: (method: string, url: URL) => boolean,
  delayMs: number,
): { fetch: typeof globalThis.fetch; stats: SlowUpstreamStats } {
  const stats: SlowUpstreamStats = { calls: 0, active: 0, maxActive: 0 }
  const slow: typeof globalThis.fetch = async (input, init) => {
    const request = new Request(input, init)
    if (!holds(request.method, new URL(request.url))) return fetch(request)
    stats.calls += 1
    stats.active += 1
    stats.maxActive = Math.max(stats.maxActive, stats.active)
    try {
      await new Promise((resolve) => setTimeout(resolve, delayMs))
      return await fetch(request)
    } finally {
      stats.active -= 1
    }
  }
  return { fetch: slow, stats }
}

/** Pelm's Get user: `GET /users/{user_id}`. */
export const isGetUser = (method: string, url: URL) =>
  method === 'GET' && url.pathname.startsWith('/users/')
