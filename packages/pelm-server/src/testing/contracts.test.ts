import { describe, expect, it } from 'vitest'
import type { ConnectionRecord, ConnectionStore } from '../connection-store'
import { memoryConnectionStore } from '../connection-stores/memory'
import { keyedQueue } from '../keyed-queue'
import type { RateLimiter } from '../rate-limit'
import { memoryRateLimiter } from '../rate-limiters/memory'
import type { ReplayStore } from '../replay-store'
import { memoryReplayStore } from '../replay-stores/memory'
import { connectionStoreContract, rateLimiterContract, replayStoreContract } from '.'
import type { ContractTestApi } from './test-api'

/** Registers a kit with a stand-in runner, runs every test, answers the names of those that fail. */
async function failuresOf(register: (api: ContractTestApi) => void): Promise<string[]> {
  const tests: { name: string; body: () => Promise<void> }[] = []
  register({ describe: (_name, body) => body(), it: (name, body) => tests.push({ name, body }) })
  const failed: string[] = []
  for (const test of tests) await test.body().catch(() => failed.push(test.name))
  return failed
}

const connectionKit = (makeStore: () => ConnectionStore) =>
  failuresOf((api) => connectionStoreContract({ name: 'under test', makeStore, ...api }))
const replayKit = (makeStore: () => ReplayStore) =>
  failuresOf((api) =>
    replayStoreContract({
      name: 'under test',
      makeStores: (n) => Array(n).fill(makeStore()),
      ...api,
    }),
  )

describe('connectionStoreContract catches a broken store', () => {
  it('passes a correct one', async () => {
    expect(await connectionKit(() => memoryConnectionStore())).toEqual([])
  })

  it('fails a store whose set merges into the old record (an upsert that skips absent fields)', async () => {
    // Prisma's upsert({ update: record }) leaves a field the new record lacks as it was: a
    // reconnect without a fresh check would keep `credentialsValid: false` (reconnect_required).
    const merging = (): ConnectionStore => {
      const inner = memoryConnectionStore()
      return {
        ...inner,
        async set(userId, record) {
          await inner.set(userId, { ...(await inner.get(userId, record.id)), ...record })
        },
      }
    }
    expect(await connectionKit(merging)).not.toEqual([])
  })

  it('fails a store that keeps the caller’s object', async () => {
    const keeping = (): ConnectionStore => {
      const users = new Map<string, Map<string, ConnectionRecord>>()
      const copy = (record: ConnectionRecord) => structuredClone(record)
      return {
        list: async (userId) =>
          [...(users.get(userId)?.values() ?? [])]
            .map(copy)
            .sort((a, b) => Date.parse(a.connectedAt) - Date.parse(b.connectedAt)),
        get: async (userId, id) => {
          const record = users.get(userId)?.get(id)
          return record && copy(record)
        },
        async set(userId, record) {
          if (!record.accessToken) throw new TypeError('no token')
          users.set(userId, (users.get(userId) ?? new Map()).set(record.id, record))
        },
        delete: async (userId, id) => void users.get(userId)?.delete(id),
      }
    }
    expect(await connectionKit(keeping)).not.toEqual([])
  })
})

/** A memory store whose user ids go through `key` first, as a database collation would. */
const collating = (key: (userId: string) => string) => (): ConnectionStore => {
  const inner = memoryConnectionStore()
  return {
    list: (userId) => inner.list(key(userId)),
    get: (userId, id) => inner.get(key(userId), id),
    set: (userId, record) => inner.set(key(userId), record),
    delete: (userId, id) => inner.delete(key(userId), id),
  }
}

describe('connectionStoreContract catches a store whose ids compare loosely', () => {
  // MySQL's default collations ignore case, accents and trailing spaces: `alice` is `Alice `.
  it.each([
    ['case', (id: string) => id.toLowerCase()],
    ['accents', (id: string) => id.normalize('NFKD').replace(/\p{M}/gu, '')],
    ['trailing spaces', (id: string) => id.trimEnd()],
    ['Unicode normalization', (id: string) => id.normalize('NFC')],
  ])('%s', async (_, key) => {
    expect(await connectionKit(collating(key))).toContain(
      'keeps apart user and connection ids that a naive key scheme would merge',
    )
  })
})

describe('connectionStoreContract catches a store that cuts long user ids', () => {
  // e.g. a varchar(64) column that truncates (MySQL outside strict mode): every user id that
  // shares its first 64 characters (a tenant prefix, an issuer URL) shares the connections
  it('fails it', async () => {
    expect(await connectionKit(collating((id) => id.slice(0, 64)))).not.toEqual([])
  })
})

const limiterKit = (make: () => RateLimiter) =>
  failuresOf((api) =>
    rateLimiterContract({
      name: 'under test',
      makeLimiters: () => [make()],
      shared: false,
      ...api,
    }),
  )

describe('rateLimiterContract catches a broken limiter', () => {
  it('passes a correct one', async () => {
    expect(await limiterKit(() => memoryRateLimiter())).toEqual([])
  })

  it('fails one that cuts long keys (every user of a route in one bucket)', async () => {
    // The routes' keys are `connect-token:<app user id>`: cut to 64 characters, all users whose
    // ids share a long prefix (an issuer URL, a tenant) would be limited together.
    const cutting = (): RateLimiter => {
      const inner = memoryRateLimiter()
      return { hit: (key, limit) => inner.hit(key.slice(0, 64), limit) }
    }
    expect(await limiterKit(cutting)).not.toEqual([])
  })
})

describe('replayStoreContract catches a broken store', () => {
  it('passes a correct one', async () => {
    expect(await replayKit(() => memoryReplayStore())).toEqual([])
  })

  it('fails stores that are atomic in their process only (a lock around get, then set)', async () => {
    // Each instance serializes its own claims, but two instances both read "unclaimed" before
    // either writes: a code sent to two instances at once would be exchanged twice.
    const backend = new Map<string, number>()
    const tick = () => new Promise((resolve) => setTimeout(resolve, 5))
    const instance = (): ReplayStore => {
      const serialize = keyedQueue()
      return {
        claim: (key, ttlMs) =>
          serialize(key, async () => {
            const expiresAt = backend.get(key)
            await tick() // the round trip to the shared backend
            if (expiresAt !== undefined && expiresAt > Date.now()) return false
            backend.set(key, Date.now() + ttlMs)
            return true
          }),
      }
    }
    const failed = await failuresOf((api) =>
      replayStoreContract({
        name: 'under test',
        makeStores: (n) => Array.from({ length: n }, instance),
        ...api,
      }),
    )
    expect(failed).not.toEqual([])
  })

  it('fails a store that forgets a claim long before its ttl', async () => {
    // e.g. a TTL read in the wrong unit: a 30-minute state replayable after a few seconds
    const forgetful = (): ReplayStore => {
      const inner = memoryReplayStore()
      return { claim: (key, ttlMs) => inner.claim(key, ttlMs / 10) }
    }
    expect(await replayKit(forgetful)).not.toEqual([])
  })
})
