export {
  type PostgresConnectionStoreOptions,
  postgresConnectionStore,
} from './connection-store'
export type { PostgresQuery, PostgresQueryResult } from './query'
export {
  type MigratePostgresConnectionStoreOptions,
  migratePostgresConnectionStore,
  POSTGRES_CONNECTIONS_TABLE_SQL,
} from './table'
