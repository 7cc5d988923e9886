import type { Context } from 'hono'
import { createPelmClient, type PelmClient } from '../client'
import type { ConnectionStore } from '../connection-store'
import { parseHttpUrl } from '../option-schemas'
import type { ReplayStore } from '../replay-store'
import { memoryReplayStore } from '../replay-stores/memory'
import { createStateSigner, type StateSigner } from '../state'
import { createLog, type Log } from './logger'
import type { ConnectedEvent, DisconnectedEvent, GetUserId } from './options'
import {
  parseBase,
  parseClient,
  parseConnections,
  parseRedirect,
  parseState,
} from './resolve-options'
import type { ConnectionStatus, ExchangeResponse } from './wire'

/** What every route needs: the Pelm client, the user, the store, the request limits, the log. */
export interface BaseRuntime {
  client: PelmClient
  connectionStore: ConnectionStore
  getUserId: (c: Context) => ReturnType<GetUserId>
  log: Log
  maxBodyBytes: number
  /** Origins allowed to POST/DELETE besides the request's own. */
  allowedOrigins: readonly string[]
  now: () => number
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
  /** `redirectUri` is https: the binding cookie is Secure by default. */
  redirectIsHttps: boolean
}

/** Listing (with status checks) and deleting connections. */
export interface ConnectionsRuntime {
  statusMaxAge: number
  statusConcurrency: number
  onDisconnected: ((c: Context, event: DisconnectedEvent) => unknown) | undefined
  /** In-process Get user checks by user and connection, so concurrent lists share them. */
  statusChecks: Map<string, Promise<ConnectionStatus>>
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
  return {
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
  return { ...options, redirectIsHttps: parseHttpUrl(options.redirectUri)?.protocol === 'https:' }
}

export function connectionsRuntime(input: unknown, owner: string): ConnectionsRuntime {
  const options = parseConnections(input, owner)
  return {
    statusMaxAge: options.statusMaxAge,
    statusConcurrency: options.statusConcurrency,
    onDisconnected: options.onDisconnected,
    statusChecks: new Map(),
  }
}
