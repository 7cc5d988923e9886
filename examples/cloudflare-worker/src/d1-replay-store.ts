import type { ReplayStore } from '@acme/pelm-server'
import type { D1Database } from '@cloudflare/workers-types'

const SCHEMA =
  'CREATE TABLE IF NOT EXISTS pelm_used (key TEXT PRIMARY KEY, expires_at INTEGER NOT NULL)'

/**
 * One-time states and codes in D1. KV is eventually consistent, so two isolates could both see a
 * code as unused; one SQLite statement is atomic: the insert (or the take-over of an expired
 * marker) changes a row for exactly one claimant.
 */
export function d1ReplayStore(db: D1Database): ReplayStore {
  let schema: Promise<unknown> | undefined
  return {
    async claim(key, ttlMs) {
      schema ??= db.prepare(SCHEMA).run()
      await schema
      const now = Date.now()
      const { meta } = await db
        .prepare(
          `INSERT INTO pelm_used (key, expires_at) VALUES (?1, ?2)
           ON CONFLICT (key) DO UPDATE SET expires_at = excluded.expires_at
           WHERE pelm_used.expires_at <= ?3`,
        )
        .bind(key, now + ttlMs, now)
        .run()
      return meta.changes === 1
    },
  }
}

/** Deletes expired markers; run it from a Cron Trigger. */
export async function sweepReplayStore(db: D1Database): Promise<void> {
  await db.prepare(SCHEMA).run()
  await db.prepare('DELETE FROM pelm_used WHERE expires_at <= ?1').bind(Date.now()).run()
}
