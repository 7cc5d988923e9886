/**
 * What a {@link PostgresQuery} answers: the rows, each an object keyed by column name.
 *
 * @example
 * ```ts
 * const result: PostgresQueryResult = { rows: [{ connection_id: 'c1' }] }
 * ```
 */
export interface PostgresQueryResult {
  rows: readonly Record<string, unknown>[]
}

/**
 * Runs one parameterized SQL statement (`$1`, `$2`, … placeholders) and answers its rows. Every
 * parameter the stores send is text or `null` (the SQL casts it), so any driver passes them
 * through unchanged. `pg`'s `pool.query` fits as it is; others take one line.
 *
 * @example
 * ```ts
 * // pg (node-postgres)
 * import pg from 'pg'
 * const pool = new pg.Pool({ connectionString: process.env.DATABASE_URL })
 * pool.on('error', (error) => console.error(error)) // else a connection the server ends stops the app
 * const query: PostgresQuery = (text, params) => pool.query(text, [...params])
 *
 * // postgres (postgres.js)
 * import postgres from 'postgres'
 * const sql = postgres(process.env.DATABASE_URL!)
 * const query: PostgresQuery = async (text, params) => ({ rows: await sql.unsafe(text, [...params]) })
 *
 * // Kysely
 * import { CompiledQuery } from 'kysely'
 * const query: PostgresQuery = (text, params) => db.executeQuery(CompiledQuery.raw(text, [...params]))
 * ```
 */
export type PostgresQuery = (
  text: string,
  params: readonly (string | null)[],
) => Promise<PostgresQueryResult>

const UNDEFINED_TABLE = '42P01'

/**
 * Runs a statement and checks the answer's shape. A missing table becomes an error that says how
 * to create it; any other failure (connection refused, timeout, …) reaches the caller unchanged,
 * never an empty answer.
 */
export async function runQuery(
  query: PostgresQuery,
  table: string,
  text: string,
  params: readonly (string | null)[],
): Promise<readonly Record<string, unknown>[]> {
  let result: PostgresQueryResult
  try {
    result = await query(text, params)
  } catch (error) {
    if ((error as { code?: unknown } | null)?.code === UNDEFINED_TABLE) {
      throw new Error(
        `postgresConnectionStore: the table ${table} does not exist. Create it once with migratePostgresConnectionStore(query) or the SQL in POSTGRES_CONNECTIONS_TABLE_SQL.`,
        { cause: error },
      )
    }
    throw error
  }
  if (!Array.isArray(result?.rows)) {
    throw new TypeError(
      'postgresConnectionStore: the query function must answer { rows: [...] } (pg does; wrap postgres.js as `async (text, params) => ({ rows: await sql.unsafe(text, [...params]) })`).',
    )
  }
  return result.rows
}
