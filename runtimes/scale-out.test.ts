import { createHash } from 'node:crypto'
import { parseConnectionRecord } from '@acme/pelm-server'
import { expect, it } from 'vitest'
import { redisFixture } from './support/redis-fixture'
import { scaleOutContract } from './support/scale-out'

const sha256 = (text: string) => createHash('sha256').update(text).digest('hex')
/** Where `unstorageConnectionStore` keeps a user's connections, and `redisReplayStore` a used code. */
const connectionKeys = (user: string) => `pelm:connections:${sha256(user)}:*`
const usedCodeKey = (code: string) => `pelm:used:${sha256(`code:${sha256(code)}`)}`

const redis = redisFixture()

// Two processes of the Node example that share nothing but COOKIE_SECRET (and TOKEN_KEY) and one
// Redis: connections through unstorage's Redis driver, encrypted; one-time markers through SET NX.
scaleOutContract(
  'two Node instances sharing only cookieSecret and Redis',
  {
    shared: {
      start: async () => ({ REDIS_URL: redis.url() }),
      async storedConnections(user) {
        const raw = redis.client()
        const keys = await raw.keys(connectionKeys(user))
        const values = await Promise.all(keys.map((key) => raw.get(key)))
        return values.map((value) => parseConnectionRecord(JSON.parse(value ?? 'null')).id)
      },
    },
  },
  (cluster) => {
    it('keeps each connection in Redis, its access token encrypted', async () => {
      const { onA, code, state } = await cluster().startOnA('hana')
      expect((await onA.exchange(code, state)).status).toBe(200)
      const raw = redis.client()
      const keys = await raw.keys(connectionKeys('hana'))
      expect(keys).toHaveLength(1)
      const stored: unknown = JSON.parse((await raw.get(keys[0] ?? '')) ?? 'null')
      expect(stored).toMatchObject({ accessToken: expect.stringMatching(/^pelm-enc:v2:/) })
    })

    it('remembers a used code in Redis with a TTL, so Redis forgets it by itself', async () => {
      const { onB, code, state } = await cluster().startOnA('ivan')
      expect((await onB.exchange(code, state)).status).toBe(200)
      const ttl = await redis.client().pttl(usedCodeKey(code))
      expect(ttl).toBeGreaterThan(0)
      expect(ttl).toBeLessThanOrEqual(60 * 60 * 1000)
    })
  },
)
