import { readFileSync } from 'node:fs'
import pg from 'pg'
import postgres from 'postgres'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import {
  postgresBinDir,
  type StartedPostgres,
  startPostgres,
} from '../../../../scripts/lib/postgres.mjs'
import { postgresConnectionStore } from './connection-store'
import type { PostgresQuery } from './query'
import { migratePostgresConnectionStore } from './table'

// A real server (Debian's PostgreSQL, which `npm test` installs); the contract suite runs on one
// too, in runtimes/postgres-store.test.ts. These are the store's own edge cases.
let server: StartedPostgres
let pool: pg.Pool
let query: PostgresQuery

// `npm test` installs PostgreSQL first; `npm run test:unit` on a machine without it skips these.
const installed = postgresBinDir() !== undefined

beforeAll(async () => {
  if (!installed) return
  server = await startPostgres()
  pool = new pg.Pool({ connectionString: server.url, max: 4 })
  pool.on('error', () => {}) // a server restart below ends idle connections
  query = (text, params) => pool.query(text, [...params])
}, 60_000)
afterAll(async () => {
  await pool?.end()
  await server?.stop()
})

/** The README's pg set-up, from `const pool = new pg.Pool(` up to the query function. */
function readmePoolSetUp(): string {
  const readme = readFileSync(new URL('../../README.md', import.meta.url), 'utf8')
  const section = readme.slice(readme.indexOf('## PostgreSQL'))
  const start = section.indexOf('const pool = new pg.Pool(')
  return section.slice(start, section.indexOf('const query', start))
}

const record = (id: string) => ({
  id,
  pelmUserId: `pelm-${id}`,
  accessToken: `at_${id}`,
  connectedAt: '2026-01-02T03:04:05.000Z',
})

describe.skipIf(!installed)('postgresConnectionStore on a real PostgreSQL', () => {
  it('refuses to migrate onto a table of another shape, naming what is missing', async () => {
    // e.g. an app's own pelm_connections, or an older hand-written one
    await pool.query(
      'CREATE TABLE older_links (user_id text, connection_id text, token text, connected_at text)',
    )
    await expect(migratePostgresConnectionStore(query, { table: 'older_links' })).rejects.toThrow(
      /older_links exists with another shape.*pelm_user_id text, access_token text, connected_at timestamp with time zone/,
    )
    await pool.query(`CREATE TABLE no_key (user_id text, connection_id text, pelm_user_id text,
      access_token text, connected_at timestamptz, utility jsonb, utility_username text,
      credentials_valid boolean, checked_at timestamptz, updated_at timestamptz DEFAULT now())`)
    await expect(migratePostgresConnectionStore(query, { table: 'no_key' })).rejects.toThrow(
      /no_key exists without a primary key or unique index on \(user_id, connection_id\)/,
    )
    // with the key, the same table is accepted and works
    await pool.query('CREATE UNIQUE INDEX ON no_key (connection_id, user_id)')
    await migratePostgresConnectionStore(query, { table: 'no_key' })
    const store = postgresConnectionStore(query, { table: 'no_key' })
    await store.set('u', record('c1'))
    await store.set('u', record('c1'))
    expect(await store.list('u')).toEqual([record('c1')])
  })

  it('keeps the process up when the server restarts, with the pool set up as the README shows', async () => {
    // An idle pg client whose server goes away makes the pool emit 'error'; with no listener,
    // Node throws it and the whole app exits (as it did with the README's example).
    const setUp = readmePoolSetUp()
    expect(setUp).toContain('new pg.Pool(')
    const own = new Function('pg', 'process', `${setUp}; return pool`)(pg, {
      env: { DATABASE_URL: server.url },
    }) as pg.Pool
    try {
      const store = postgresConnectionStore((text, params) => own.query(text, [...params]))
      await migratePostgresConnectionStore((text, params) => own.query(text, [...params]))
      await store.set('restart', record('c1'))
      expect(own.listenerCount('error'), 'the README pool listens for idle-client errors').toBe(1)
      const idleClientError = new Promise((resolve) => own.once('error', resolve))
      await server.restart()
      expect(await idleClientError).toMatchObject({ code: '57P01' })
      // the pool drops the dead client and connects again: nothing was lost
      expect(await store.list('restart')).toEqual([record('c1')])
    } finally {
      await own.end()
    }
  }, 30_000)

  it('refuses what PostgreSQL text cannot keep as it is, saying so, and stores nothing', async () => {
    const store = postgresConnectionStore(query)
    // A NUL in a user id: PostgreSQL answered 22021 "invalid byte sequence" to every method.
    for (const call of [
      () => store.set('a\u0000b', record('c1')),
      () => store.list('a\u0000b'),
      () => store.get('a\u0000b', 'c1'),
      () => store.delete('a\u0000b', 'c1'),
    ]) {
      await expect(call()).rejects.toThrow(/postgresConnectionStore: the user id holds U\+0000/)
    }
    // In a value Get user brought: 22021 or 22P05 (jsonb), or, for a lone surrogate in the
    // username, silently stored as U+FFFD (the same login then no longer matched).
    for (const [field, value] of [
      ['utilityUsername', { utilityUsername: 'x\u0000y' }],
      ['utility.name', { utility: { name: 'x\u0000y' } }],
      ['utility.name', { utility: { name: 'x\uD800y' } }],
      ['utilityUsername', { utilityUsername: 'x\uDC00y' }],
      ['pelmUserId', { pelmUserId: 'p\u0000' }],
    ] as const) {
      const error = await store.set('odd-values', { ...record('c1'), ...value }).catch((e) => e)
      expect(error, field).toMatchObject({ name: 'ConnectionStoreError', code: 'invalid_record' })
      expect(error.message, field).toContain(`${field}:`)
    }
    expect(await store.list('odd-values')).toEqual([])
    // A lone surrogate in a user id would be the row of the id with U+FFFD in its place.
    await store.set('x\uFFFD', record('c1'))
    await expect(store.get('x\uD800', 'c1')).rejects.toThrow(/lone surrogate/)
    // Unicode that is well-formed is kept as it is, in ids and values alike.
    const user = 'zoë 👩🏽‍💻 名前'
    await store.set(user, { ...record('c2'), utilityUsername: 'ü@例え.jp', utility: { name: '𝔘' } })
    expect(await store.get(user, 'c2')).toEqual({
      ...record('c2'),
      utilityUsername: 'ü@例え.jp',
      utility: { name: '𝔘' },
    })
  })

  it('reads rows whatever key transform the driver applies (postgres.js camel, pascal, kebab)', async () => {
    // `transform: postgres.camel` is a common postgres.js set-up: rows came back as
    // { connectionId, pelmUserId, … } and every list and get failed as invalid_record.
    for (const transform of [postgres.camel, postgres.pascal, postgres.kebab]) {
      const sql = postgres(server.url, { max: 1, transform, onnotice: () => {} })
      try {
        const store = postgresConnectionStore(async (text, params) => ({
          rows: await sql.unsafe(text, [...params]),
        }))
        const full = {
          ...record('c1'),
          utility: { slug: 'pge' },
          utilityUsername: 'user@pelm.com',
          credentialsValid: true,
          checkedAt: '2026-02-03T04:05:06.000Z',
        }
        await store.set('transformed', full)
        expect(await store.list('transformed')).toEqual([full])
        expect(await store.get('transformed', 'c1')).toEqual(full)
      } finally {
        await sql.end()
      }
    }
  })

  it('migrates at start as an app role that may only read and write the table', async () => {
    // Least privilege (and PostgreSQL 15's default: no CREATE on public for other roles): the
    // table comes from the owner's migration; CREATE TABLE IF NOT EXISTS still asked for the
    // schema's CREATE right and answered 42501, so the app could not start.
    await migratePostgresConnectionStore(query, { table: 'granted_links' })
    await pool.query(`DROP ROLE IF EXISTS pelm_app; CREATE ROLE pelm_app LOGIN;
      GRANT SELECT, INSERT, UPDATE, DELETE ON granted_links TO pelm_app`)
    const app = new pg.Pool({ connectionString: server.url.replace('postgres@', 'pelm_app@') })
    try {
      const asApp: PostgresQuery = (text, params) => app.query(text, [...params])
      await migratePostgresConnectionStore(asApp, { table: 'granted_links' })
      const store = postgresConnectionStore(asApp, { table: 'granted_links' })
      await store.set('u', record('c1'))
      expect(await store.list('u')).toEqual([record('c1')])
      // a table it may not create is still refused, by PostgreSQL
      await expect(
        migratePostgresConnectionStore(asApp, { table: 'not_granted' }),
      ).rejects.toMatchObject({ code: '42501' })
    } finally {
      await app.end()
    }
  })

  it('migrates twice, and takes reserved words and upper case as table names', async () => {
    await pool.query('CREATE SCHEMA IF NOT EXISTS "order"')
    for (const table of ['user', 'order.select', 'Pelm_Links']) {
      await migratePostgresConnectionStore(query, { table })
      await migratePostgresConnectionStore(query, { table })
      const store = postgresConnectionStore(query, { table })
      await store.set('u', record('c1'))
      expect(await store.list('u'), table).toEqual([record('c1')])
    }
    // an unquoted name means the lower-case table, as in PostgreSQL itself
    const { rows } = await pool.query('SELECT count(*)::int AS n FROM pelm_links')
    expect(rows[0].n).toBe(1)
  })
})
