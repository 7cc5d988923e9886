import { describe, expect, it } from 'vitest'
import { postgresConnectionStore } from './connection-store'
import type { PostgresQuery } from './query'
import { migratePostgresConnectionStore, POSTGRES_CONNECTIONS_TABLE_SQL } from './table'

/** Records each statement; the real server runs in the runtimes suite. */
function recorder(rows: Record<string, unknown>[] = []) {
  const calls: { text: string; params: readonly (string | null)[] }[] = []
  const query: PostgresQuery = async (text, params) => {
    calls.push({ text, params })
    return { rows }
  }
  return { calls, query }
}

const record = {
  id: 'c1',
  pelmUserId: 'p1',
  accessToken: 'at_1',
  connectedAt: '2026-01-02',
  credentialsValid: false,
}

describe('postgresConnectionStore', () => {
  it('sends every value as a text parameter, the SQL casting it, dates in UTC', async () => {
    const { calls, query } = recorder()
    await postgresConnectionStore(query).set("o'brien@example.com", record)
    const [call] = calls
    expect(call?.params).toEqual([
      "o'brien@example.com",
      'c1',
      'p1',
      'at_1',
      '2026-01-02T00:00:00.000Z',
      null,
      null,
      'false',
      null,
    ])
    expect(call?.text).toMatch(/ON CONFLICT \(user_id, connection_id\) DO UPDATE/)
    expect(call?.text).not.toContain('brien')
  })

  it('reads rows back into checked records, oldest first', async () => {
    const row = (id: string, connectedAt: string) => ({
      connection_id: id,
      pelm_user_id: `p-${id}`,
      access_token: `at-${id}`,
      connected_at: connectedAt,
      utility: '{"slug": "pge"}',
      utility_username: null,
      credentials_valid: 'true',
      checked_at: null,
    })
    const { query } = recorder([
      row('late', '2026-03-01T00:00:00.000Z'),
      row('early', '2026-01-01T00:00:00.000Z'),
    ])
    const [first, second] = await postgresConnectionStore(query).list('u')
    expect(first).toEqual({
      id: 'early',
      pelmUserId: 'p-early',
      accessToken: 'at-early',
      connectedAt: '2026-01-01T00:00:00.000Z',
      utility: { slug: 'pge' },
      credentialsValid: true,
    })
    expect(second?.id).toBe('late')
  })

  it('refuses a query function that does not answer { rows }', async () => {
    const store = postgresConnectionStore((async () => []) as never)
    await expect(store.list('u')).rejects.toThrow(/must answer \{ rows: \[\.\.\.\] \}.*sql\.unsafe/)
  })

  it('refuses bad options at once', () => {
    expect(() => postgresConnectionStore(undefined as never)).toThrow(/pass a query function/)
    for (const table of ['pelm connections', 'x;DROP TABLE y', '"quoted"', 'a.b.c', ''])
      expect(() => postgresConnectionStore(recorder().query, { table })).toThrow(
        /table must be a plain SQL name/,
      )
    expect(() =>
      postgresConnectionStore(recorder().query, { table: 'app.pelm_links' }),
    ).not.toThrow()
  })
})

describe('migratePostgresConnectionStore', () => {
  it('creates the documented table under an advisory lock, with no parameters', async () => {
    const { calls, query } = recorder()
    await migratePostgresConnectionStore(query, { table: 'app.links' })
    expect(calls).toHaveLength(1)
    expect(calls[0]?.params).toEqual([])
    expect(calls[0]?.text).toContain("pg_advisory_xact_lock(hashtext('pelm-migrate:app.links'))")
    expect(calls[0]?.text).toContain(
      POSTGRES_CONNECTIONS_TABLE_SQL.replace('pelm_connections', '"app"."links"'),
    )
    expect(POSTGRES_CONNECTIONS_TABLE_SQL).toMatch(
      /^CREATE TABLE IF NOT EXISTS pelm_connections \([\s\S]*PRIMARY KEY \(user_id, connection_id\)\n\)$/,
    )
  })
})
