import { createHash } from 'node:crypto'
import { type ServedPelmMock, servePelmMock } from '@acme/pelm-mock'
import Redis from 'ioredis'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { type AppFetch, browser, type CookieJar, handBack, sameOriginApp } from './support/browser'
import { cleanBundles } from './support/bundle'
import { completeHostedConnect } from './support/hosted-connect'
import type { RunningServer } from './support/processes'
import { type RunningRedis, startRedis } from './support/redis'
import { exampleSettings, tokenExchanges } from './support/sandbox'
import { startTarget, targets } from './support/targets'

const sha256 = (text: string) => createHash('sha256').update(text).digest('hex')
/** Where `unstorageTokenStore` keeps a user's record, and `redisReplayStore` a used code. */
const recordKey = (user: string) => `pelm:tokens:${sha256(user)}`
const usedCodeKey = (code: string) => `pelm:used:${sha256(`code:${sha256(code)}`)}`

// Two processes of the Node example that share nothing but COOKIE_SECRET (and TOKEN_KEY) and one
// Redis: tokens through unstorage's Redis driver, one-time markers through SET NX.
describe('two instances sharing only cookieSecret and Redis', () => {
  let redis: RunningRedis
  let sandbox: ServedPelmMock
  let raw: Redis
  const instances: RunningServer[] = []
  let a: AppFetch
  let b: AppFetch

  beforeAll(async () => {
    redis = await startRedis()
    sandbox = await servePelmMock({ port: 0 })
    raw = new Redis(redis.url)
    const node = targets.find((target) => target.name === 'Node')
    if (!node) throw new Error('no Node target')
    const settings = { ...exampleSettings(sandbox), REDIS_URL: redis.url }
    for (let index = 0; index < 2; index++) instances.push(await startTarget(node, settings))
    ;[a, b] = instances.map((instance) => sameOriginApp(instance.origin)) as [AppFetch, AppFetch]
  })
  afterAll(async () => {
    await Promise.all(instances.map((instance) => instance.stop()))
    await raw?.quit()
    await sandbox?.close()
    await redis?.stop()
    await cleanBundles()
  })

  /** One browser, its requests sent to A or B as a load balancer would: one cookie jar. */
  function balanced(user: string, jar: CookieJar = {}) {
    return { onA: browser(a, user, jar), onB: browser(b, user, jar), jar }
  }

  async function startOnA(user: string) {
    const tab = balanced(user)
    const token = await tab.onA.connectToken()
    expect(token.status).toBe(200)
    return { ...tab, ...handBack(await completeHostedConnect(sandbox, token.body.connectUrl)) }
  }

  it('runs as two processes on their own ports', () => {
    expect(new Set(instances.map((instance) => instance.origin)).size).toBe(2)
  })

  it('finishes on B a connection started on A, and both instances see it', async () => {
    const { onA, onB, code, state } = await startOnA('dana')
    const exchanged = await onB.exchange(code, state)
    expect(exchanged.status).toBe(200)
    expect((await onA.connection()).body).toMatchObject({ connected: true })
    expect((await onB.connection()).body).toMatchObject({ connected: true })
    expect(await raw.exists(recordKey('dana'))).toBe(1)
    expect(await raw.get(recordKey('dana'))).toContain('pelm-enc:v1:')
  })

  it('turns ten concurrent duplicate exchanges across A and B into one upstream exchange and one record', async () => {
    const { onA, onB, code, state } = await startOnA('erin')
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
    expect(await raw.keys(recordKey('erin'))).toHaveLength(1)
    expect((await onB.connection()).body).toMatchObject({ connected: true })
  })

  it('refuses on B a code A already exchanged, even with a fresh state: the used-code marker is shared', async () => {
    const first = await startOnA('finn')
    expect((await first.onA.exchange(first.code, first.state)).status).toBe(200)

    // A second tab starts over on B (a new, valid state) but hands in the spent code.
    const second = balanced('finn')
    const token = await second.onB.connectToken()
    expect(token.status).toBe(200)
    const { state } = handBack(await completeHostedConnect(sandbox, token.body.connectUrl))
    const replayed = await second.onB.exchange(first.code, state)
    expect(replayed.status).toBe(409)
    expect(replayed.errorCode).toBe('state_used')
    expect(tokenExchanges(sandbox, first.code)).toBe(1)

    const ttl = await raw.pttl(usedCodeKey(first.code))
    expect(ttl).toBeGreaterThan(0)
    expect(ttl).toBeLessThanOrEqual(60 * 60 * 1000)
  })
})
