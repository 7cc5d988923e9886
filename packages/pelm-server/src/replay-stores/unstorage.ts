import type { UnstorageLike } from '../connection-stores/unstorage'
import { base64UrlEncode, randomBytes, sha256Hex } from '../crypto'
import { keyedQueue } from '../keyed-queue'
import type { ReplayStore } from '../replay-store'
import { unstorageKeyPrefix } from '../unstorage-prefix'

/** Options of {@link unstorageReplayStore}. */
export interface UnstorageReplayStoreOptions {
  /** Key prefix. Default `pelm:used`. A `?` is refused (unstorage cuts keys there). */
  prefix?: string
  /** Default `Date.now`. */
  now?: () => number
}

/** One queue per storage: every store over one storage object in this process takes turns. */
const queues = new WeakMap<object, ReturnType<typeof keyedQueue>>()

function readClaim(value: unknown): { owner: string; expiresAt: number } | undefined {
  if (typeof value !== 'object' || value === null) return undefined
  const { owner, expiresAt } = value as Record<string, unknown>
  return typeof owner === 'string' && typeof expiresAt === 'number'
    ? { owner, expiresAt }
    : undefined
}

/**
 * A replay store over any unstorage driver, shared by every instance using the same storage.
 * unstorage has no compare-and-set, so a claim writes a random owner and reads it back: the last
 * writer wins and the others see `false`. Claims of one key through any store over one storage
 * object in this process take turns; **between instances it is not atomic** (a read that came
 * before another instance's write, and a write that lands after its read-back, win twice: 34 of
 * 300 bursts of one code sent to four instances, measured over Redis). With several instances
 * use `redisReplayStore` (`SET NX`). Over Cloudflare KV, another location may read the old value
 * for up to 60 s.
 * Keys are hashed; expiry is kept in the value (and passed as `ttl` to drivers that support it).
 * A stored value that is not a claim (a torn file, an edit) counts as claimed: it fails closed.
 *
 * @example
 * ```ts
 * import { createStorage } from 'unstorage'
 * import redisDriver from 'unstorage/drivers/redis'
 * import { unstorageReplayStore } from '@acme/pelm-server'
 *
 * const replayStore = unstorageReplayStore(createStorage({ driver: redisDriver({ url }) }))
 * ```
 */
export function unstorageReplayStore(
  storage: UnstorageLike,
  options: UnstorageReplayStoreOptions = {},
): ReplayStore {
  if (typeof storage?.getItem !== 'function' || typeof storage.setItem !== 'function') {
    throw new TypeError(
      'unstorageReplayStore: pass an unstorage Storage (createStorage({ driver })).',
    )
  }
  const prefix = unstorageKeyPrefix(options.prefix ?? 'pelm:used', 'unstorageReplayStore')
  const now = options.now ?? Date.now
  // Claims of one key in this process run one after another, through any store over this
  // storage: in-process races cannot happen.
  const serialize = queues.get(storage) ?? keyedQueue()
  queues.set(storage, serialize)

  async function claimOnce(storageKey: string, ttlMs: number): Promise<boolean> {
    const stored = await storage.getItem(storageKey)
    if (stored !== null && stored !== undefined) {
      // A value that is not a claim (a torn file, an edit) still counts as one: fail closed.
      const existing = readClaim(stored)
      if (!existing || existing.expiresAt > now()) return false
    }
    const owner = base64UrlEncode(randomBytes(16))
    const claim = { owner, expiresAt: now() + ttlMs }
    await storage.setItem(storageKey, claim as never, { ttl: Math.ceil(ttlMs / 1000) })
    return readClaim(await storage.getItem(storageKey))?.owner === owner
  }

  return {
    claim(key, ttlMs) {
      const storageKey = `${prefix}:${sha256Hex(key)}`
      return serialize(storageKey, () => claimOnce(storageKey, ttlMs))
    },
  }
}
