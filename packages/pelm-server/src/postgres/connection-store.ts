import {
  byConnectedAt,
  type ConnectionRecord,
  type ConnectionStore,
  ConnectionStoreError,
  checkUserId,
  parseConnectionRecord,
} from '../connection-store'
import { isStorableText } from '../text'
import { type PostgresQuery, runQuery } from './query'
import { checkTableName, DEFAULT_CONNECTIONS_TABLE, quoteTableName } from './table'

/** Options of {@link postgresConnectionStore}. */
export interface PostgresConnectionStoreOptions {
  /** Table name, optionally schema-qualified. Default `pelm_connections`. */
  table?: string
}

// Every value crosses as text (see PostgresQuery); dates come back as `toISOString()` writes them.
const ISO = `'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'`
const COLUMNS = `connection_id, pelm_user_id, access_token,
  to_char(connected_at AT TIME ZONE 'UTC', ${ISO}) AS connected_at,
  utility::text AS utility, utility_username, credentials_valid::text AS credentials_valid,
  to_char(checked_at AT TIME ZONE 'UTC', ${ISO}) AS checked_at`

// As JavaScript reads the date (a bare date is UTC midnight), whatever the session's TimeZone.
const utc = (date: string) => new Date(date).toISOString()
const present = (value: unknown) => value !== null && value !== undefined

const OWNER = 'postgresConnectionStore'

/** An app user id as a parameter: PostgreSQL text holds no U+0000 (22021 otherwise). */
function userIdParam(userId: string): string {
  if (checkUserId(userId, OWNER).includes('\u0000')) {
    throw new TypeError(`${OWNER}: the user id holds U+0000, which PostgreSQL text cannot store.`)
  }
  return userId
}

/**
 * Refuses a record PostgreSQL would refuse (U+0000 in text or jsonb) or change (a lone surrogate
 * becomes U+FFFD in text, an error in jsonb), naming the field, before anything is sent.
 */
function checkStorable(record: ConnectionRecord): void {
  const texts: [string, string | undefined][] = [
    ['pelmUserId', record.pelmUserId],
    ['accessToken', record.accessToken],
    ['utility.id', record.utility?.id],
    ['utility.slug', record.utility?.slug],
    ['utility.name', record.utility?.name],
    ['utilityUsername', record.utilityUsername],
  ]
  for (const [field, text] of texts) {
    if (text !== undefined && !isStorableText(text)) {
      throw new ConnectionStoreError(
        'invalid_record',
        `The connection record cannot be stored in PostgreSQL: ${field}: holds U+0000 or a lone surrogate, which PostgreSQL text cannot keep as it is.`,
      )
    }
  }
}

/**
 * A row's columns by name without case or separators: a driver's key transform (postgres.js
 * `transform: postgres.camel`, Kysely's `CamelCasePlugin`) names `connection_id` `connectionId`
 * or `ConnectionId`, and each reads the same.
 */
function columnsOf(row: Record<string, unknown>): (column: string) => unknown {
  const byName = new Map<string, unknown>()
  for (const [key, value] of Object.entries(row)) {
    byName.set(key.toLowerCase().replace(/[^a-z0-9]/g, ''), value)
  }
  return (column) => byName.get(column.replace(/_/g, ''))
}

/** A row back to a record, checked by the same schema as every other store. */
function readRow(row: Record<string, unknown>): ConnectionRecord {
  const column = columnsOf(row)
  let utility: unknown
  try {
    utility = present(column('utility')) ? JSON.parse(String(column('utility'))) : undefined
  } catch (error) {
    throw new ConnectionStoreError('invalid_record', 'The stored utility is not JSON.', {
      cause: error,
    })
  }
  const valid = column('credentials_valid')
  const username = column('utility_username')
  const checkedAt = column('checked_at')
  return parseConnectionRecord({
    id: column('connection_id'),
    pelmUserId: column('pelm_user_id'),
    accessToken: column('access_token'),
    connectedAt: column('connected_at'),
    ...(present(utility) && { utility }),
    ...(present(username) && { utilityUsername: username }),
    ...(present(valid) && {
      credentialsValid: valid === 'true' ? true : valid === 'false' ? false : valid,
    }),
    ...(present(checkedAt) && { checkedAt }),
  })
}

/**
 * A connection store over PostgreSQL, one row per connection in the table of
 * `POSTGRES_CONNECTIONS_TABLE_SQL` (create it with `migratePostgresConnectionStore`). It takes a
 * query function instead of a client, so `pg`, postgres.js, Kysely or Drizzle users plug in the
 * pool they already have and the package depends on none of them. Every statement is
 * parameterized; `set` is one atomic `INSERT … ON CONFLICT … DO UPDATE`; rows are checked when
 * read (a bad row throws `ConnectionStoreError` `invalid_record`); a database error rejects, it
 * never reads as "no connections". App user ids are stored as given, so support and erasure
 * queries are a plain `WHERE user_id = $1`.
 *
 * Wrap it with `encryptedConnectionStore` so the table never holds a plaintext access token.
 *
 * @example
 * ```ts
 * import pg from 'pg'
 * import { encryptedConnectionStore } from '@acme/pelm-server'
 * import { migratePostgresConnectionStore, postgresConnectionStore } from '@acme/pelm-server/postgres'
 *
 * const pool = new pg.Pool({ connectionString: process.env.DATABASE_URL })
 * pool.on('error', (error) => console.error(error)) // else a connection the server ends stops the app
 * const query = (text: string, params: readonly (string | null)[]) => pool.query(text, [...params])
 * await migratePostgresConnectionStore(query)
 * const connectionStore = encryptedConnectionStore(postgresConnectionStore(query), {
 *   keys: [process.env.TOKEN_KEY!],
 * })
 * ```
 */
export function postgresConnectionStore(
  query: PostgresQuery,
  options: PostgresConnectionStoreOptions = {},
): ConnectionStore {
  if (typeof query !== 'function') {
    throw new TypeError(
      `${OWNER}: pass a query function (text, params) => Promise<{ rows }>, e.g. (text, params) => pool.query(text, [...params]) with pg.`,
    )
  }
  const table = checkTableName(options.table ?? DEFAULT_CONNECTIONS_TABLE, OWNER)
  const name = quoteTableName(table)
  const run = (text: string, params: readonly (string | null)[]) =>
    runQuery(query, table, text, params)

  return {
    async list(userId) {
      const rows = await run(`SELECT ${COLUMNS} FROM ${name} WHERE user_id = $1`, [
        userIdParam(userId),
      ])
      return rows.map(readRow).sort(byConnectedAt)
    },
    async get(userId, connectionId) {
      const [row] = await run(
        `SELECT ${COLUMNS} FROM ${name} WHERE user_id = $1 AND connection_id = $2`,
        [userIdParam(userId), connectionId],
      )
      return row && readRow(row)
    },
    async set(userId, record) {
      const checked = parseConnectionRecord(record)
      checkStorable(checked)
      await run(
        `INSERT INTO ${name} (user_id, connection_id, pelm_user_id, access_token, connected_at,
  utility, utility_username, credentials_valid, checked_at)
VALUES ($1, $2, $3, $4, $5::text::timestamptz, $6::text::jsonb, $7, $8::text::boolean,
  $9::text::timestamptz)
ON CONFLICT (user_id, connection_id) DO UPDATE SET
  pelm_user_id = EXCLUDED.pelm_user_id, access_token = EXCLUDED.access_token,
  connected_at = EXCLUDED.connected_at, utility = EXCLUDED.utility,
  utility_username = EXCLUDED.utility_username, credentials_valid = EXCLUDED.credentials_valid,
  checked_at = EXCLUDED.checked_at, updated_at = now()`,
        [
          userIdParam(userId),
          checked.id,
          checked.pelmUserId,
          checked.accessToken,
          utc(checked.connectedAt),
          checked.utility ? JSON.stringify(checked.utility) : null,
          checked.utilityUsername ?? null,
          checked.credentialsValid === undefined ? null : String(checked.credentialsValid),
          checked.checkedAt === undefined ? null : utc(checked.checkedAt),
        ],
      )
    },
    async delete(userId, connectionId) {
      await run(`DELETE FROM ${name} WHERE user_id = $1 AND connection_id = $2`, [
        userIdParam(userId),
        connectionId,
      ])
    },
  }
}
