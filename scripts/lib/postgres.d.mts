/** A running throwaway PostgreSQL server. */
export interface StartedPostgres {
  /** Connection URL: `postgres://postgres@127.0.0.1:PORT/postgres` (trust authentication). */
  url: string
  port: number
  /** The cluster's folder; `stop()` removes it. */
  dir: string
  /** Stops the server and removes `dir`. */
  stop(): Promise<void>
  /** Restarts the server (`pg_ctl restart -m fast`): every connection is ended, as in a failover. */
  restart(): Promise<void>
}

/**
 * The folder of the PostgreSQL server binaries: `POSTGRES_BIN_DIR`, or the newest
 * `/usr/lib/postgresql/<version>/bin`; `undefined` when PostgreSQL is not installed.
 */
export declare function postgresBinDir(): string | undefined

/**
 * Starts a fresh PostgreSQL server (about 2 s): a new cluster in `dir` (default: a new folder
 * under the system temp folder), listening on 127.0.0.1:`port` (default: a free port).
 *
 * @example
 * ```ts
 * import { startPostgres } from '../scripts/lib/postgres.mjs'
 *
 * const pg = await startPostgres()
 * // connect with pg.url
 * await pg.stop()
 * ```
 */
export declare function startPostgres(options?: {
  dir?: string
  port?: number
}): Promise<StartedPostgres>
