import {
  type ConnectionStore,
  encryptedConnectionStore,
  memoryRateLimiter,
  memoryReplayStore,
  type RateLimiter,
  type ReplayStore,
  redisRateLimiter,
  redisReplayStore,
} from '@acme/pelm-server'
import {
  migratePostgresConnectionStore,
  type PostgresQuery,
  postgresConnectionStore,
} from '@acme/pelm-server/postgres'
import Redis from 'ioredis'
import pg from 'pg'

export interface Stores {
  connectionStore: ConnectionStore
  replayStore: ReplayStore
  rateLimiter: RateLimiter
  close(): Promise<void>
}

export interface StoreSettings {
  databaseUrl: string
  /** 32 bytes, base64: encrypts each access token before it reaches PostgreSQL. */
  tokenKey: string
  redisUrl?: string
}

/**
 * Connections live in PostgreSQL, access tokens encrypted (AES-256-GCM) before they reach the
 * table. With Redis, the one-time markers (`SET NX`) and the rate-limit counters (one `EVAL`)
 * are shared by every instance; without it, this process's memory (one instance only).
 */
export async function createStores(settings: StoreSettings): Promise<Stores> {
  const pool = new pg.Pool({ connectionString: settings.databaseUrl })
  // Without a listener, an idle connection the server ends (a restart, a failover, an idle
  // timeout) is thrown as an 'error' event and stops the app; with one, the pool reconnects.
  pool.on('error', (error) => console.error('PostgreSQL pool:', error.message))
  const query: PostgresQuery = (text, params) => pool.query(text, [...params])
  // Safe at every start and from several instances at once; or run POSTGRES_CONNECTIONS_TABLE_SQL
  // from your own migrations.
  await migratePostgresConnectionStore(query)
  const connectionStore = encryptedConnectionStore(postgresConnectionStore(query), {
    keys: [settings.tokenKey],
  })
  if (!settings.redisUrl) {
    return {
      connectionStore,
      replayStore: memoryReplayStore(),
      rateLimiter: memoryRateLimiter(),
      close: () => pool.end(),
    }
  }
  // One retry per command: with Redis down, a claim fails closed in about 0.2 s instead of 10 s
  // or more (ioredis's default 20 retries); the rate limiter gives up after its own timeoutMs.
  const redis = new Redis(settings.redisUrl, { maxRetriesPerRequest: 1 })
  return {
    connectionStore,
    replayStore: redisReplayStore(redis),
    rateLimiter: redisRateLimiter(redis),
    async close() {
      redis.disconnect()
      await pool.end()
    },
  }
}
