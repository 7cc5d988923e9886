import { randomBytes } from 'node:crypto'
import { encryptedConnectionStore } from '@acme/pelm-server'
import {
  migratePostgresConnectionStore,
  type PostgresQuery,
  postgresConnectionStore,
} from '@acme/pelm-server/postgres'
import { connectionStoreContract } from '@acme/pelm-server/testing'
import pg from 'pg'
import postgres from 'postgres'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { type StartedPostgres, startPostgres } from '../scripts/lib/postgres.mjs'

const KEY = randomBytes(32).toString('base64')
let server: StartedPostgres
let pool: pg.Pool
let sql: postgres.Sql
const pools: pg.Pool[] = []

/** pg's pool.query is a PostgresQuery as it is; postgres.js needs its rows wrapped. */
const pgQuery =
  (target: pg.Pool): PostgresQuery =>
  (text, params) =>
    target.query(text, [...params])
const postgresJsQuery: PostgresQuery = async (text, params) => ({
  rows: await sql.unsafe(text, [...params]),
})
const query: PostgresQuery = (text, params) => pgQuery(pool)(text, params)

beforeAll(async () => {
  server = await startPostgres()
  pool = new pg.Pool({ connectionString: server.url, max: 8 })
  pools.push(pool)
  sql = postgres(server.url, { max: 4, onnotice: () => {} })
  await migratePostgresConnectionStore(query)
})
afterAll(async () => {
  await sql?.end()
  await Promise.all(pools.map((each) => each.end()))
  await server?.stop()
})

connectionStoreContract({
  name: 'postgresConnectionStore (pg)',
  makeStore: () => postgresConnectionStore(query),
  describe,
  it,
})
connectionStoreContract({
  name: 'postgresConnectionStore (postgres.js)',
  makeStore: () => postgresConnectionStore(postgresJsQuery),
  describe,
  it,
})
connectionStoreContract({
  name: 'encryptedConnectionStore over postgresConnectionStore',
  makeStore: () => encryptedConnectionStore(postgresConnectionStore(query), { keys: [KEY] }),
  describe,
  it,
})

const record = (id: string, accessToken = `at_${id}`) => ({
  id,
  pelmUserId: `pelm-${id}`,
  accessToken,
  connectedAt: new Date().toISOString(),
})
const unique = (label: string) => `${label}-${randomBytes(6).toString('hex')}`

describe('PostgreSQL as the connection store', () => {
  it('holds no plaintext access token when wrapped by encryptedConnectionStore', async () => {
    const store = encryptedConnectionStore(postgresConnectionStore(query), { keys: [KEY] })
    const user = unique('enc')
    const token = `at_plaintext_${randomBytes(8).toString('hex')}`
    await store.set(user, record('c1', token))

    const { rows } = await pool.query('SELECT * FROM pelm_connections WHERE user_id = $1', [user])
    expect(rows).toHaveLength(1)
    expect(rows[0].access_token).toMatch(/^pelm-enc:v2:/)
    expect(JSON.stringify(rows)).not.toContain(token)
    expect((await store.get(user, 'c1'))?.accessToken).toBe(token)
  })

  it('stores the app user id as given, so support queries are a plain WHERE', async () => {
    const user = `${unique('support')}@example.com`
    await postgresConnectionStore(query).set(user, record('c1'))
    const { rows } = await pool.query(
      'SELECT connection_id FROM pelm_connections WHERE user_id = $1',
      [user],
    )
    expect(rows).toEqual([{ connection_id: 'c1' }])
  })

  it('upserts atomically: concurrent sets of one connection leave one row, one of the writes', async () => {
    const store = postgresConnectionStore(query)
    const user = unique('upsert')
    const tokens = Array.from({ length: 16 }, (_, index) => `at_write_${index}`)
    await Promise.all(tokens.map((token) => store.set(user, record('same', token))))
    const { rows } = await pool.query(
      'SELECT access_token FROM pelm_connections WHERE user_id = $1',
      [user],
    )
    expect(rows).toHaveLength(1)
    expect(tokens).toContain(rows[0].access_token)
  })

  it('keeps SQL out of the data: every value is a parameter, never spliced', async () => {
    const store = postgresConnectionStore(query)
    const user = `${unique('inject')}'; DROP TABLE pelm_connections; --`
    const hostile = "x'); DELETE FROM pelm_connections; --"
    await store.set(user, { ...record('c1'), pelmUserId: hostile, utility: { name: hostile } })
    const [stored] = await store.list(user)
    expect(stored?.pelmUserId).toBe(hostile)
    expect(stored?.utility).toEqual({ name: hostile })
    const { rows } = await pool.query('SELECT count(*)::int AS n FROM pelm_connections')
    expect(rows[0].n).toBeGreaterThan(1)
  })

  it('refuses a row that is not a valid record', async () => {
    const user = unique('corrupt')
    await pool.query(
      `INSERT INTO pelm_connections (user_id, connection_id, pelm_user_id, access_token, connected_at)
       VALUES ($1, 'c1', 'p1', '', now())`,
      [user],
    )
    await expect(postgresConnectionStore(query).list(user)).rejects.toMatchObject({
      name: 'ConnectionStoreError',
      code: 'invalid_record',
    })
  })

  it('answers a database that cannot be reached with an error, not with no connections', async () => {
    const closed = new pg.Pool({
      connectionString: `postgres://postgres@127.0.0.1:${server.port + 1}/postgres`,
      connectionTimeoutMillis: 2_000,
    })
    pools.push(closed)
    const store = postgresConnectionStore(pgQuery(closed))
    await expect(store.list('someone')).rejects.toThrow(/ECONNREFUSED|connect/)
    await expect(store.get('someone', 'c1')).rejects.toThrow()
    await expect(store.set('someone', record('c1'))).rejects.toThrow()
  })

  it('says how to create the table when it is missing', async () => {
    const store = postgresConnectionStore(query, { table: 'not_migrated_yet' })
    await expect(store.list('someone')).rejects.toThrow(
      /table not_migrated_yet does not exist.*migratePostgresConnectionStore/,
    )
  })

  it('migrates once however many instances start at the same time, into any schema', async () => {
    await pool.query('CREATE SCHEMA IF NOT EXISTS app')
    const table = `app.${unique('conn').replace('-', '_')}`
    // eight separate connections, as eight instances starting together would use
    const starts = Array.from({ length: 8 }, () => {
      const own = new pg.Pool({ connectionString: server.url, max: 1 })
      pools.push(own)
      return migratePostgresConnectionStore(pgQuery(own), { table })
    })
    await expect(Promise.all(starts)).resolves.toHaveLength(8)
    const store = postgresConnectionStore(query, { table })
    await store.set('u', record('c1'))
    expect((await store.list('u')).map((each) => each.id)).toEqual(['c1'])
  })
})
