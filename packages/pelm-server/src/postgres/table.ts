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

/**
 * A checked table name as SQL: each part double-quoted, in lower case, so a reserved word
 * (`user`, `order`) is a name and not a syntax error, and the name means what it means unquoted
 * (PostgreSQL folds unquoted names to lower case).
 */
export function quoteTableName(table: string): string {
  return table
    .toLowerCase()
    .split('.')
    .map((part) => `"${part}"`)
    .join('.')
}

// The columns the store reads and writes, with their types: what the table must have.
const COLUMN_TYPES = [
  ['user_id', 'text'],
  ['connection_id', 'text'],
  ['pelm_user_id', 'text'],
  ['access_token', 'text'],
  ['connected_at', 'timestamptz'],
  ['utility', 'jsonb'],
  ['utility_username', 'text'],
  ['credentials_valid', 'boolean'],
  ['checked_at', 'timestamptz'],
  ['updated_at', 'timestamptz'],
] as const

/**
 * PL/pgSQL that raises an error when the table `name` (quoted SQL) lacks a column of
 * {@link COLUMN_TYPES} with its type, or a unique key on (user_id, connection_id) for the upsert.
 */
function shapeCheckSql(name: string, table: string): string {
  const wanted = COLUMN_TYPES.map(
    ([column, type], index) => `(${index}, '${column}', '${type}'::regtype)`,
  ).join(', ')
  return `SELECT string_agg(format('%s %s', wanted.name, format_type(wanted.type, NULL)), ', '
    ORDER BY wanted.position)
  INTO missing
  FROM (VALUES ${wanted}) AS wanted(position, name, type)
  WHERE NOT EXISTS (SELECT FROM pg_attribute AS a WHERE a.attrelid = '${name}'::regclass
    AND a.attname = wanted.name AND a.atttypid = wanted.type AND NOT a.attisdropped);
  IF missing IS NOT NULL THEN
    RAISE EXCEPTION 'migratePostgresConnectionStore: the table ${table} exists with another shape, without the columns this store needs: %. Rename that table, or pass another one as { table }.', missing;
  END IF;
  IF NOT EXISTS (SELECT FROM pg_index AS i WHERE i.indrelid = '${name}'::regclass AND i.indisunique
    AND i.indpred IS NULL AND i.indexprs IS NULL AND i.indnkeyatts = 2
    AND (SELECT array_agg(a.attname::text ORDER BY a.attname) FROM pg_attribute AS a
      WHERE a.attrelid = i.indrelid AND a.attnum = ANY (i.indkey[0:1]))
      = ARRAY['connection_id', 'user_id']) THEN
    RAISE EXCEPTION 'migratePostgresConnectionStore: the table ${table} exists without a primary key or unique index on (user_id, connection_id), which the store''s upsert needs. Add one, or pass another table as { table }.';
  END IF`
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
 * racing on the catalog. When a table of that name already exists, it creates nothing (so a role
 * that may only read and write the table can run it) and checks that the table has the store's
 * columns (with their types) and a unique key on (user_id, connection_id), rejecting with what
 * is missing otherwise.
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
  const name = quoteTableName(table)
  // A DO block is one statement in one transaction, so the lock holds until the table exists
  // whichever pooled connection the driver picks. A table that already existed with another
  // shape fails here, with its missing columns named, instead of at the first connection.
  await runQuery(
    query,
    table,
    `DO $pelm$
DECLARE
  missing text;
BEGIN
  PERFORM pg_advisory_xact_lock(hashtext('pelm-migrate:${table}'));
  -- CREATE … IF NOT EXISTS asks for the schema's CREATE right even when the table exists
  IF to_regclass('${name}') IS NULL THEN
    ${connectionsTableSql(name)};
  END IF;
  ${shapeCheckSql(name, table)};
END
$pelm$`,
    [],
  )
}
