import type { Context } from 'hono'
import { createPelmClient, type PelmClient } from '../client'
import { connectUrlBuilder } from '../connect-url'
import type { ConnectionStore } from '../connection-store'
import type { PelmEvent } from '../events'
import { parseHttpUrl } from '../option-schemas'
import type { RateLimit, RateLimiter } from '../rate-limit'
import { memoryRateLimiter } from '../rate-limiters/memory'
import type { ReplayStore } from '../replay-store'
import { memoryReplayStore } from '../replay-stores/memory'
import { type SingleFlight, singleFlight } from '../single-flight'
import { createStateSigner, type StateSigner } from '../state'
import { createLog, describeError, type Log } from './logger'
import type { ConnectedEvent, DisconnectedEvent, GetUserId } from './options'
import {
  parseBase,
  parseClient,
  parseConnections,
  parseLimits,
  parseRedirect,
  parseState,
} from './resolve-options'
import type { Connection, ExchangeResponse } from './wire'

/** What every route needs: the Pelm client, the user, the store, the request limits, the log. */
export interface BaseRuntime {
  /**
   * Tells `onEvent` (when set) what happened, stamped with the time. It runs after the answer is
   * decided; what it throws or rejects with is logged and never changes the answer.
   */
  emit: (c: Context, event: DistributiveOmit<PelmEvent, 'at'>) => void
  client: PelmClient
  connectionStore: ConnectionStore
  getUserId: (c: Context) => ReturnType<GetUserId>
  log: Log
  maxBodyBytes: number
  /** Origins allowed to POST/DELETE besides the request's own. */
  allowedOrigins: readonly string[]
  now: () => number
}

type DistributiveOmit<T, K extends PropertyKey> = T extends unknown ? Omit<T, K> : never

/** The routes with a per-user rate limit. */
export type LimitedRoute = 'connectToken' | 'exchange'

/** Per-user rate limits of connect-token and exchange. */
export interface LimitsRuntime {
  rateLimiter: RateLimiter
  /** `false`: that route (or both) is not limited. */
  rateLimits: Record<LimitedRoute, RateLimit | false>
}

/** Issuing and verifying states, and what follows an exchange. */
export interface StateRuntime {
  signer: StateSigner
  replayStore: ReplayStore
  cookie: { name: string; path: string | undefined; secure: boolean | undefined }
  pelmUserId: (appUserId: string, connectionId: string) => string
  onConnected: ((c: Context, event: ConnectedEvent) => unknown) | undefined
  /** In-process exchanges by code, so concurrent duplicates share one outcome. */
  inflight: Map<string, { fingerprint: string; outcome: Promise<ExchangeResponse> }>
}

/** Building Connect URLs. */
export interface RedirectRuntime {
  redirectUri: string
  connectUrl: string
  /** The Connect URL of a connect token and a state (the two URLs parsed once). */
  buildConnectUrl: (connectToken: string, state: string) => string
  /** `redirectUri` is https: the binding cookie is Secure by default. */
  redirectIsHttps: boolean
}

/** Listing (with status checks) and deleting connections. */
export interface ConnectionsRuntime {
  statusMaxAge: number
  statusConcurrency: number
  onDisconnected: ((c: Context, event: DisconnectedEvent) => unknown) | undefined
  /** In-process Get user checks by user and connection, so concurrent lists share them. */
  statusChecks: SingleFlight<Connection>
  /** In-process deletions by user and connection, so a repeated DELETE shares the running one. */
  deletions: SingleFlight<void>
}

/** A string option read before its schema runs (for the log's redaction list). */
function secretOf(input: unknown, name: string): string | undefined {
  if (typeof input !== 'object' || input === null || !(name in input)) return undefined
  const value: unknown = (input as Record<string, unknown>)[name]
  return typeof value === 'string' ? value : undefined
}

export function baseRuntime(input: unknown, owner: string): BaseRuntime {
  const client = parseClient(input, owner)
  const options = parseBase(input, owner)
  const log = createLog(options.logger, [client.secret, secretOf(input, 'cookieSecret')])
  const redirectOrigin = options.redirectUri && parseHttpUrl(options.redirectUri)?.origin
  const { onEvent, now } = options
  const emit: BaseRuntime['emit'] = (c, event) => {
    if (!onEvent) return
    const failed = (error: unknown) =>
      log({ level: 'error', event: 'on_event.failed', error: describeError(error) })
    try {
      const stamped: PelmEvent = { ...event, at: new Date(now()).toISOString() }
      Promise.resolve(onEvent(stamped, c)).catch(failed)
    } catch (error) {
      failed(error)
    }
  }
  return {
    emit,
    client: createPelmClient({
      ...client,
      onRetry: ({ status, ...event }) =>
        log({ level: 'warn', event: 'upstream.retry', ...event, upstreamStatus: status }),
    }),
    connectionStore: options.connectionStore,
    getUserId: options.getUserId,
    log,
    maxBodyBytes: options.maxBodyBytes,
    allowedOrigins: redirectOrigin
      ? [redirectOrigin, ...options.allowedOrigins]
      : options.allowedOrigins,
    now: options.now,
  }
}

export function limitsRuntime(input: unknown, owner: string, base: BaseRuntime): LimitsRuntime {
  const { rateLimiter, rateLimits } = parseLimits(input, owner)
  return {
    rateLimiter: rateLimiter ?? memoryRateLimiter({ now: base.now }),
    rateLimits: rateLimits === false ? { connectToken: false, exchange: false } : rateLimits,
  }
}

export function stateRuntime(
  input: unknown,
  owner: string,
  base: BaseRuntime,
  redirectUri: string | undefined,
): StateRuntime {
  const options = parseState(input, owner, redirectUri)
  return {
    signer: createStateSigner({ secret: options.cookieSecret, now: base.now }),
    replayStore: options.replayStore ?? memoryReplayStore({ now: base.now }),
    cookie: { name: options.cookieName, path: options.cookiePath, secure: options.secureCookie },
    pelmUserId: options.pelmUserId,
    onConnected: options.onConnected,
    inflight: new Map(),
  }
}

export function redirectRuntime(input: unknown, owner: string): RedirectRuntime {
  const options = parseRedirect(input, owner)
  return {
    ...options,
    buildConnectUrl: connectUrlBuilder(options),
    redirectIsHttps: parseHttpUrl(options.redirectUri)?.protocol === 'https:',
  }
}

export function connectionsRuntime(input: unknown, owner: string): ConnectionsRuntime {
  const options = parseConnections(input, owner)
  return {
    statusMaxAge: options.statusMaxAge,
    statusConcurrency: options.statusConcurrency,
    onDisconnected: options.onDisconnected,
    statusChecks: singleFlight<Connection>(),
    deletions: singleFlight<void>(),
  }
}
