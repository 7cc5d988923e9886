import pg from 'pg'
import { expect, it } from 'vitest'
import { type StartedPostgres, startPostgres } from '../scripts/lib/postgres.mjs'
import { redisFixture } from './support/redis-fixture'
import { scaleOutContract } from './support/scale-out'
import { nodePostgresTarget } from './support/targets'

/** Small limits, so the test spends them in a few requests (the example reads them from env). */
const CONNECT_TOKEN_LIMIT = 3
const LIMITS = {
  RATE_LIMIT_CONNECT_TOKEN: `${CONNECT_TOKEN_LIMIT}/10m`,
  // Above the contract's ten duplicate exchanges of one user.
  RATE_LIMIT_EXCHANGE: '20/10m',
}

const redis = redisFixture()
let database: StartedPostgres | undefined
let pool: pg.Pool | undefined

const rows = async (user: string) => {
  if (!pool) throw new Error('PostgreSQL is not started (see the contract’s beforeAll).')
  const { rows } = await pool.query<{ connection_id: string; access_token: string }>(
    'SELECT connection_id, access_token FROM pelm_connections WHERE user_id = $1 ORDER BY connected_at',
    [user],
  )
  return rows
}

/** `pelm_events_total{type="…",…}` of one instance's `GET /metrics`, by its labels. */
async function counter(origin: string, labels: string): Promise<number> {
  const text = await (await fetch(`${origin}/metrics`)).text()
  const line = text.split('\n').find((each) => each.startsWith(`pelm_events_total{${labels}} `))
  return Number(line?.split(' ')[1] ?? 0)
}

// The production set-up, as examples/node-postgres runs it from its environment: two processes
// that share COOKIE_SECRET and TOKEN_KEY, one PostgreSQL (connections, tokens encrypted) and one
// Redis (one-time states and codes, and the per-user rate limits).
scaleOutContract(
  'two examples/node-postgres instances sharing PostgreSQL and Redis',
  {
    target: nodePostgresTarget,
    connectTokenLimit: CONNECT_TOKEN_LIMIT,
    shared: {
      async start() {
        database = await startPostgres()
        pool = new pg.Pool({ connectionString: database.url, max: 2 })
        return { DATABASE_URL: database.url, REDIS_URL: redis.url(), ...LIMITS }
      },
      async stop() {
        await pool?.end()
        await database?.stop()
      },
      storedConnections: async (user) => (await rows(user)).map((row) => row.connection_id),
    },
  },
  (cluster) => {
    it('keeps each connection as one row of pelm_connections, its access token encrypted', async () => {
      const { onA, onB, code, state } = await cluster().startOnA('hana')
      const { connection } = (await onB.exchange(code, state)).body
      const stored = await rows('hana')
      expect(stored.map((row) => row.connection_id)).toEqual([connection.id])
      expect(stored[0]?.access_token).toMatch(/^pelm-enc:v2:/)
      expect((await onA.disconnect(connection.id)).status).toBe(204)
      expect(await rows('hana')).toEqual([])
    })

    it('counts each refusal as a rate_limited event on the instance that refused it (GET /metrics)', async () => {
      const [a = '', b = ''] = cluster().instances.map((instance) => instance.origin)
      const limited = 'type="rate_limited",route="connect-token"'
      const created = 'type="connect_token.created",mode="create"'
      const before = { limitedA: await counter(a, limited), createdB: await counter(b, created) }
      const { onA, onB } = cluster().balanced('mia')
      for (let hit = 0; hit < CONNECT_TOKEN_LIMIT; hit++) await onB.connectToken()
      await onA.connectToken()
      await onA.connectToken()
      expect(await counter(b, created)).toBe(before.createdB + CONNECT_TOKEN_LIMIT)
      expect(await counter(a, limited)).toBe(before.limitedA + 2)
    })
  },
)
