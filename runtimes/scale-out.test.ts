import { createHash } from 'node:crypto'
import Redis from 'ioredis'
import { expect, it } from 'vitest'
import { type RunningRedis, startRedis } from './support/redis'
import { scaleOutContract } from './support/scale-out'

const sha256 = (text: string) => createHash('sha256').update(text).digest('hex')
/** Where `unstorageConnectionStore` keeps a user's connections, and `redisReplayStore` a used code. */
const connectionKeys = (user: string) => `pelm:connections:${sha256(user)}:*`
const usedCodeKey = (code: string) => `pelm:used:${sha256(`code:${sha256(code)}`)}`

let redis: RunningRedis | undefined
let raw: Redis | undefined
const redisClient = () => {
  if (!raw) throw new Error('Redis did not start (see beforeAll).')
  return raw
}

// Two processes of the Node example that share nothing but COOKIE_SECRET (and TOKEN_KEY) and one
// Redis: connections through unstorage's Redis driver, encrypted; one-time markers through SET NX.
scaleOutContract(
  'two Node instances sharing only cookieSecret and Redis',
  {
    shared: {
      async start() {
        redis = await startRedis()
        raw = new Redis(redis.url)
        return { REDIS_URL: redis.url }
      },
      async stop() {
        await raw?.quit()
        await redis?.stop()
      },
    },
  },
  (cluster) => {
    it('keeps each connection in Redis, its access token encrypted', async () => {
      const { onA, code, state } = await cluster().startOnA('hana')
      expect((await onA.exchange(code, state)).status).toBe(200)
      const keys = await redisClient().keys(connectionKeys('hana'))
      expect(keys).toHaveLength(1)
      const stored: unknown = JSON.parse((await redisClient().get(keys[0] ?? '')) ?? 'null')
      expect(stored).toMatchObject({ accessToken: expect.stringMatching(/^pelm-enc:v2:/) })
    })

    it('remembers a used code in Redis with a TTL, so Redis forgets it by itself', async () => {
      const { onB, code, state } = await cluster().startOnA('ivan')
      expect((await onB.exchange(code, state)).status).toBe(200)
      const ttl = await redisClient().pttl(usedCodeKey(code))
      expect(ttl).toBeGreaterThan(0)
      expect(ttl).toBeLessThanOrEqual(60 * 60 * 1000)
    })
  },
)
