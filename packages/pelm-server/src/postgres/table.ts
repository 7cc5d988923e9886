import { type PostgresQuery, runQuery } from './query'

/** The table name used when none is given. */
export const DEFAULT_CONNECTIONS_TABLE = 'pelm_connections'

// Identifiers cannot be parameters: only plain (optionally schema-qualified) names are accepted.
const IDENTIFIER = /^[A-Za-z_][A-Za-z0-9_]{0,62}(\.[A-Za-z_][A-Za-z0-9_]{0,62})?$/

/** Checks a table name given as an option; throws a `TypeError` naming the owner. */
export function checkTableName(table: unknown, owner: string): string {
  if (typeof table !== 'string' || !IDENTIFIER.test(table)) {
    throw new TypeError(
      `${owner}: table must be a plain SQL name such as "pelm_connections" or "app.pelm_connections" (letters, digits, _); got ${JSON.stringify(table)}.`,
    )
  }
  return table
}

/** The `CREATE TABLE IF NOT EXISTS` statement of a connections table named `table`. */
export function connectionsTableSql(table: string): string {
  return `CREATE TABLE IF NOT EXISTS ${table} (
  user_id           text        NOT NULL,
  connection_id     text        NOT NULL,
  pelm_user_id      text        NOT NULL,
  access_token      text        NOT NULL,
  connected_at      timestamptz NOT NULL,
  utility           jsonb,
  utility_username  text,
  credentials_valid boolean,
  checked_at        timestamptz,
  updated_at        timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (user_id, connection_id)
)`
}

/**
 * The table `postgresConnectionStore` reads and writes, as SQL to put in your own migrations
 * (Prisma, drizzle-kit, Flyway, …). One row per connection, keyed by (app user id, connection
 * id); `access_token` holds ciphertext when the store is wrapped by `encryptedConnectionStore`.
 * For another table name, use `migratePostgresConnectionStore(query, { table })`.
 *
 * @example
 * ```ts
 * import { POSTGRES_CONNECTIONS_TABLE_SQL } from '@acme/pelm-server/postgres'
 * await pool.query(POSTGRES_CONNECTIONS_TABLE_SQL)
 * ```
 */
export const POSTGRES_CONNECTIONS_TABLE_SQL: string = connectionsTableSql(DEFAULT_CONNECTIONS_TABLE)

/** Options of {@link migratePostgresConnectionStore}. */
export interface MigratePostgresConnectionStoreOptions {
  /** Table name, optionally schema-qualified. Default `pelm_connections`. */
  table?: string
}

/**
 * Creates the connections table when it does not exist (see
 * {@link POSTGRES_CONNECTIONS_TABLE_SQL}); safe to run at every start, from several instances at
 * once: a transaction-scoped advisory lock makes concurrent runs wait for each other instead of
 * racing on the catalog.
 *
 * @example
 * ```ts
 * import { migratePostgresConnectionStore, postgresConnectionStore } from '@acme/pelm-server/postgres'
 *
 * const query: PostgresQuery = (text, params) => pool.query(text, [...params])
 * await migratePostgresConnectionStore(query)
 * const connectionStore = postgresConnectionStore(query)
 * ```
 */
export async function migratePostgresConnectionStore(
  query: PostgresQuery,
  options: MigratePostgresConnectionStoreOptions = {},
): Promise<void> {
  const owner = 'migratePostgresConnectionStore'
  if (typeof query !== 'function') throw new TypeError(`${owner}: pass a query function.`)
  const table = checkTableName(options.table ?? DEFAULT_CONNECTIONS_TABLE, owner)
  // A DO block is one statement in one transaction, so the lock holds until the table exists
  // whichever pooled connection the driver picks.
  await runQuery(
    query,
    table,
    `DO $pelm$
BEGIN
  PERFORM pg_advisory_xact_lock(hashtext('pelm-migrate:${table}'));
  ${connectionsTableSql(table)};
END
$pelm$`,
    [],
  )
}
