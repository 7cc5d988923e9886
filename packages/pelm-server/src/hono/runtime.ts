import type { Context } from 'hono'
import { createPelmClient, type PelmClient } from '../client'
import { httpUrl } from '../client/options'
import { DEFAULT_CONNECT_URL } from '../connect-url'
import type { ReplayStore } from '../replay-store'
import { memoryReplayStore } from '../replay-stores/memory'
import { createStateSigner, type StateSigner } from '../state'
import type { TokenStore } from '../token-store'
import { createLog, type Log } from './logger'
import type { GetUserId, PelmRoutesOptions } from './options'
import { check, checks } from './validate-options'

/** What the handlers share: validated options and the objects built from them. */
export interface PelmRuntime {
  client: PelmClient
  signer: StateSigner
  tokenStore: TokenStore
  replayStore: ReplayStore
  getUserId: GetUserId<never>
  onConnected: ((c: Context, event: { userId: string }) => void | Promise<void>) | undefined
  redirectUri: string
  connectUrl: string
  log: Log
  maxBodyBytes: number
  allowedOrigins: readonly string[]
  cookie: { name: string; path: string | undefined; secure: boolean | undefined }
  now: () => number
  /** In-process exchanges by code, so concurrent duplicates share one outcome. */
  inflight: Map<string, { fingerprint: string; outcome: Promise<void> }>
}

/** What a factory uses, so it only requires those options. */
export type Feature = 'pelm' | 'state' | 'redirect' | 'tokenStore'

/**
 * Validates the options once, when a factory is called, so a bad option fails at start-up with
 * a message naming it; then builds what the handlers share.
 */
export function createRuntime(
  input: unknown,
  owner: string,
  features: readonly Feature[],
): PelmRuntime {
  check(typeof input === 'object' && input !== null, owner, 'options are required.')
  const o = input as Partial<PelmRoutesOptions> & Record<string, unknown>
  const uses = (feature: Feature) => features.includes(feature)
  if (uses('pelm')) checks.pelm(o, owner)
  if (uses('state')) checks.cookieSecret(o.cookieSecret, owner)
  if (uses('tokenStore')) checks.tokenStore(o.tokenStore, owner)
  checks.getUserId(o.getUserId, owner)
  checks.optionalFunction(o.onConnected, 'onConnected', owner)
  checks.optionalFunction(o.logger, 'logger', owner)
  checks.replayStore(o.replayStore, owner)
  const redirectUri = uses('redirect') ? checks.redirectUri(o.redirectUri, owner) : ''
  const connectUrl = o.connectUrl ?? DEFAULT_CONNECT_URL
  if (uses('redirect')) httpUrl(connectUrl, 'connectUrl', owner)
  const now = o.now ?? Date.now
  const log = createLog(
    o.logger,
    [o.secret, o.cookieSecret].filter((value): value is string => typeof value === 'string'),
  )
  const client = uses('pelm')
    ? createPelmClient({
        clientId: o.clientId as string,
        secret: o.secret as string,
        apiUrl: o.apiUrl,
        fetch: o.fetch,
        timeoutMs: o.timeoutMs,
        retry: o.retry,
        connectTokenPath: o.connectTokenPath,
        now,
        onRetry: ({ status, ...event }) =>
          log({ level: 'warn', event: 'upstream.retry', ...event, upstreamStatus: status }),
      })
    : unavailable<PelmClient>('client', owner)

  return {
    client,
    signer: uses('state')
      ? createStateSigner({ secret: o.cookieSecret as string, now })
      : unavailable('signer', owner),
    tokenStore: o.tokenStore as TokenStore,
    replayStore: o.replayStore ?? memoryReplayStore({ now }),
    getUserId: o.getUserId as unknown as GetUserId<never>,
    onConnected: o.onConnected as PelmRuntime['onConnected'],
    redirectUri,
    connectUrl,
    log,
    maxBodyBytes: checks.maxBodyBytes(o.maxBodyBytes, owner),
    allowedOrigins: checks.allowedOrigins(o.allowedOrigins, owner),
    cookie: checks.cookie(o, owner),
    now,
    inflight: new Map(),
  }
}

/** A stand-in for a part a factory does not use: touching it is a bug in this package. */
function unavailable<T extends object>(name: string, owner: string): T {
  return new Proxy({} as T, {
    get() {
      throw new Error(`${owner} does not configure the ${name}.`)
    },
  })
}
