import { type ServedPelmMock, servePelmMock } from '@acme/pelm-mock'
import { completeConnect } from '@acme/pelm-mock/testing'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { type AppFetch, browser, type CookieJar, handBack, sameOriginApp } from './browser'
import { cleanBundles } from './bundle'
import type { RunningServer } from './processes'
import { exampleSettings, tokenExchanges, userDeletions } from './sandbox'
import { startTarget, type Target, targets } from './targets'

/** What the instances share besides `COOKIE_SECRET` and `TOKEN_KEY`: Redis, a database, … */
export interface SharedBackend {
  /**
   * Starts it (or, with a file-level fixture such as `redisFixture()`, just reads where it is);
   * answers the settings that point an instance at it, e.g. `{ REDIS_URL }`.
   */
  start(): Promise<Record<string, string>>
  /** Stops what `start` started, after the instances stopped. */
  stop?(): Promise<void>
  /**
   * The ids of `user`'s connections as the backend holds them, read from it directly (rows of a
   * table, keys in Redis), not through an instance: duplicates must not leave a second one.
   */
  storedConnections?(user: string): Promise<string[]>
}

export interface ScaleOutOptions {
  /** What the instances share. */
  shared: SharedBackend
  /** The example every instance runs. Default: the Node example. */
  target?: Target
  /**
   * The connect-token limit per user the instances share (set through what `shared.start()`
   * answers). When given, the contract spends it on A and expects both A and B to refuse more.
   */
  connectTokenLimit?: number
}

/** Two instances of one example, one sandbox, and browsers a load balancer spreads over both. */
export interface Cluster {
  sandbox: ServedPelmMock
  instances: RunningServer[]
  /** One browser (one cookie jar) whose requests go to A or B, as a load balancer sends them. */
  balanced(user: string, jar?: CookieJar): Balanced
  /** A tab that starts Connect on A (`onA` / `onB`: the same browser) and walks the hosted pages. */
  startOnA(user: string): Promise<Balanced & { code: string; state: string }>
}

type Browser = ReturnType<typeof browser>
export type Balanced = { onA: Browser; onB: Browser; jar: CookieJar }

const nodeTarget = () => {
  const node = targets.find((target) => target.name === 'Node')
  if (!node) throw new Error('no Node target')
  return node
}

/**
 * Walks Connect (picking `utility`, PG&E by default) from a connect token `tab` got, and answers
 * the hand-back's code and state.
 */
async function throughConnect(tab: Browser, utility?: string) {
  const token = await tab.connectToken()
  expect(token.status, JSON.stringify(token.body)).toBe(200)
  return handBack(await completeConnect(token.body.connectUrl, { utility }))
}

/**
 * The scale-out contract: two processes of one example that share nothing but the secrets and
 * `options.shared` behave as one app. A connection started on one finishes on the other;
 * duplicate exchanges spread over both reach Pelm once (and leave one connection in the backend,
 * when `shared.storedConnections` can read it); either lists and deletes what the other stored;
 * with `connectTokenLimit`, a user who spent it on A is refused on B too, before Pelm. `extend`
 * adds tests of this deployment (what it keeps where), given the running cluster.
 */
export function scaleOutContract(
  name: string,
  options: ScaleOutOptions,
  extend?: (cluster: () => Cluster) => void,
) {
  describe(name, () => {
    let cluster: Cluster | undefined
    const instances: RunningServer[] = []
    let sandbox: ServedPelmMock | undefined

    beforeAll(async () => {
      const shared = await options.shared.start()
      sandbox = await servePelmMock({ port: 0 })
      const settings = { ...exampleSettings(sandbox), ...shared }
      const target = options.target ?? nodeTarget()
      for (let index = 0; index < 2; index++) instances.push(await startTarget(target, settings))
      const [a, b] = instances.map((instance) => sameOriginApp(instance.origin)) as [
        AppFetch,
        AppFetch,
      ]
      const balanced = (user: string, jar: CookieJar = {}) => ({
        onA: browser(a, user, jar),
        onB: browser(b, user, jar),
        jar,
      })
      cluster = {
        sandbox,
        instances,
        balanced,
        async startOnA(user) {
          const tab = balanced(user)
          return { ...tab, ...(await throughConnect(tab.onA)) }
        },
      }
    })
    afterAll(async () => {
      await Promise.all(instances.map((instance) => instance.stop()))
      await sandbox?.close()
      await options.shared.stop?.()
      await cleanBundles()
    })

    const current = (): Cluster => {
      if (!cluster) throw new Error('The cluster did not start (see beforeAll).')
      return cluster
    }

    it('runs as two processes on their own ports', () => {
      expect(new Set(current().instances.map((instance) => instance.origin)).size).toBe(2)
    })

    it('finishes on B a connection started on A, and both instances list it', async () => {
      const { onA, onB, code, state } = await current().startOnA('dana')
      const exchanged = await onB.exchange(code, state)
      expect(exchanged.status, JSON.stringify(exchanged.body)).toBe(200)
      const { connection } = exchanged.body
      expect(connection.status).toBe('active')
      expect((await onA.connections()).body).toEqual({ connections: [connection] })
      expect((await onB.connections()).body).toEqual({ connections: [connection] })
    })

    it('turns ten concurrent duplicate exchanges across A and B into one upstream exchange and one connection', async () => {
      const { sandbox } = current()
      const { onA, onB, code, state } = await current().startOnA('erin')
      // Pelm answers slowly, so every duplicate arrives while the first exchange is in flight.
      sandbox.faults.add({ route: 'POST /auth/token', latencyMs: 400, times: 1 })
      const results = await Promise.all(
        Array.from({ length: 10 }, (_, index) => (index % 2 ? onB : onA).exchange(code, state)),
      )

      expect(tokenExchanges(sandbox, code)).toBe(1)
      const succeeded = results.filter((result) => result.status === 200)
      const refused = results.filter((result) => result.status === 409)
      expect(succeeded.length).toBeGreaterThanOrEqual(1)
      expect(succeeded.length + refused.length).toBe(10)
      for (const result of refused) expect(result.errorCode).toBe('state_used')
      // The instance that claimed the state answers its own duplicates with the one outcome.
      const winners = new Set(
        results.flatMap((result, index) => (result.status === 200 ? [index % 2] : [])),
      )
      expect(winners.size).toBe(1)
      const ids = new Set(succeeded.map((result) => result.body.connection.id))
      expect(ids.size).toBe(1)
      for (const tab of [onA, onB]) {
        const { connections } = (await tab.connections()).body
        expect(connections.map((connection) => connection.id)).toEqual([...ids])
      }
      const stored = await options.shared.storedConnections?.('erin')
      if (stored) expect(stored).toEqual([...ids])
      console.info(
        `[${name}] 10 duplicate exchanges, 5 on A and 5 on B: ${tokenExchanges(sandbox, code)} ` +
          `/auth/token call, ${succeeded.length} × 200 and ${refused.length} × 409 state_used, ` +
          `${stored ? `${stored.length} stored connection` : 'stored connections not read'}`,
      )
    })

    it('keeps tabs started on A and on B valid in one browser; a disconnect on B is seen by A', async () => {
      const { sandbox } = current()
      const { onA, onB, code, state } = await current().startOnA('gail')
      // Another utility: the same login again would renew the first connection, not add one.
      const second = await throughConnect(onB, 'sce')
      const first = (await onA.exchange(code, state)).body.connection
      const other = (await onB.exchange(second.code, second.state)).body.connection
      expect((await onB.connections()).body.connections).toEqual([first, other])

      const disconnected = await onB.disconnect(first.id)
      expect(disconnected.status).toBe(204)
      expect(userDeletions(sandbox, first.id)).toBe(1)
      expect((await onA.connections()).body).toEqual({ connections: [other] })
      const again = await onA.disconnect(first.id)
      expect(again.status).toBe(404)
      expect(again.errorCode).toBe('connection_not_found')
      expect(userDeletions(sandbox, first.id)).toBe(1)
    })

    it('refuses on B a code A already exchanged, even with a fresh state: the used-code marker is shared', async () => {
      const { sandbox } = current()
      const first = await current().startOnA('finn')
      expect((await first.onA.exchange(first.code, first.state)).status).toBe(200)

      // A second tab starts over on B (a new, valid state) but hands in the spent code.
      const second = current().balanced('finn', first.jar)
      const { state } = await throughConnect(second.onB)
      const replayed = await second.onB.exchange(first.code, state)
      expect(replayed.status).toBe(409)
      expect(replayed.errorCode).toBe('state_used')
      expect(tokenExchanges(sandbox, first.code)).toBe(1)
    })

    const limit = options.connectTokenLimit
    if (limit !== undefined) {
      it('limits a user on A and on B once they spent the connect-token limit on A, not another user, and sends no refused request to Pelm', async () => {
        const { sandbox } = current()
        const { onA, onB } = current().balanced('kim')
        for (let hit = 0; hit < limit; hit++) {
          expect((await onA.connectToken()).status).toBe(200)
        }
        const before = sandbox.requests.length
        const refused = await Promise.all(
          Array.from({ length: 10 }, (_, index) => (index % 2 ? onA : onB).connectToken()),
        )
        const reached = sandbox.requests.length - before
        const retryAfter = new Set(refused.map((r) => r.response.headers.get('retry-after')))
        for (const result of refused) {
          expect(result.status).toBe(429)
          expect(result.body).toEqual({
            error: { code: 'rate_limited', message: expect.any(String) },
          })
          expect(Number(result.response.headers.get('retry-after'))).toBeGreaterThan(0)
        }
        expect(reached).toBe(0)
        const other = current().balanced('lee')
        expect((await other.onB.connectToken()).status).toBe(200)
        expect((await other.onA.connectToken()).status).toBe(200)
        console.info(
          `[${name}] connect-token limit ${limit} per user: ${limit} × 200 on A, then 10 more ` +
            `(5 on A, 5 on B): ${refused.filter((r) => r.status === 429).length} × 429 ` +
            `(Retry-After ${[...retryAfter].join(', ')} s), ${reached} requests reached the ` +
            'sandbox; another user: 200 on B and on A',
        )
      })
    }

    extend?.(current)
  })
}
