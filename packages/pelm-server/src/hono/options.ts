import type { Context, Env } from 'hono'
import type { RetryPolicy } from '../client/backoff'
import type { ConnectionStore } from '../connection-store'
import type { PelmEvent } from '../events'
import type { RateLimit, RateLimiter } from '../rate-limit'
import type { ReplayStore } from '../replay-store'
import type { PelmLogger } from './logger'
import type { Connection } from './wire'

/** Answers the signed-in user's id, from the app's own session; `undefined`/`null`/`''` → 401. */
export type GetUserId<E extends Env = Env> = (
  c: Context<E>,
) => string | null | undefined | Promise<string | null | undefined>

/** What `onConnected` receives: never the access token. */
export interface ConnectedEvent {
  userId: string
  connection: Connection
  /** True when an existing connection was renewed (a reconnect, or the same utility login again). */
  renewed: boolean
}

/** What `onDisconnected` receives. */
export interface DisconnectedEvent {
  userId: string
  connectionId: string
}

/** Options of {@link pelmRoutes}; the handler factories take the subset they use. */
export interface PelmRoutesOptions<E extends Env = Env> {
  /** Your `Pelm-Client-Id`. */
  clientId: string
  /** Your `Pelm-Secret`; stays on the server. */
  secret: string
  /**
   * Where Connect sends users back (your callback page): absolute http(s), used exactly. Its
   * origin may also POST and DELETE to the routes (behind a TLS-terminating proxy the request URL
   * says `http:` while the browser's `Origin` says `https:`).
   */
  redirectUri: string
  /** The HMAC key of the states: at least 32 characters (`openssl rand -base64 32`). */
  cookieSecret: string
  /** The signed-in user's id from your session. Never read it from the request. */
  getUserId: GetUserId<E>
  /** Where connections (and their access tokens) are kept. Wrap it with `encryptedConnectionStore`. */
  connectionStore: ConnectionStore
  /**
   * The `user_id` Pelm gets for a new connection. Default: the connection id, so no app user id
   * (which may be an email) reaches Pelm. Must be a pure function: it is computed again when the
   * code is exchanged.
   */
  pelmUserId?: (appUserId: string, connectionId: string) => string
  /** How old a connection's status may be before `GET /connections` asks Pelm again, in ms. Default 10 minutes. */
  statusMaxAge?: number
  /** How many Get user checks one `GET /connections` runs at once. Default 4. */
  statusConcurrency?: number
  /** Called after a connection is stored (made or renewed); a throw is logged, never answered. */
  onConnected?: (c: Context<E>, event: ConnectedEvent) => void | Promise<void>
  /** Called after a connection was deleted at Pelm and forgotten; a throw is logged, never answered. */
  onDisconnected?: (c: Context<E>, event: DisconnectedEvent) => void | Promise<void>
  /**
   * Receives the server events (connect token created, exchange succeeded or failed, connection
   * renewed or deleted, status changed, rate limited), for metrics and audit logs; never a secret.
   * Called after the answer is decided; a throw or rejection is logged and changes nothing.
   */
  onEvent?: (event: PelmEvent, c: Context<E>) => void | Promise<void>
  /**
   * Per-user limits of `POST /connect-token` and `POST /exchange` (over a limit: 429
   * `rate_limited` with `Retry-After`). Default `DEFAULT_RATE_LIMITS` (30 connect tokens and 10
   * exchanges per user per 10 minutes); `false` turns one route's limit, or both, off.
   */
  rateLimits?: false | { connectToken?: RateLimit | false; exchange?: RateLimit | false }
  /**
   * Counts the hits: `memoryRateLimiter()` by default (this process); share `redisRateLimiter`
   * between instances. If it fails, requests go through and the failure is logged.
   */
  rateLimiter?: RateLimiter
  /** Pelm API base URL (no query string). Default `https://api.pelm.com`. */
  apiUrl?: string
  /** Hosted Connect URL. Default `https://connect.pelm.com/`. */
  connectUrl?: string
  /** The `fetch` used to call Pelm. Default `globalThis.fetch`. */
  fetch?: typeof globalThis.fetch
  /** Receives structured events with secrets and tokens redacted. */
  logger?: PelmLogger
  /** Largest accepted JSON body, in bytes. Default 16 KiB. */
  maxBodyBytes?: number
  /** Origins allowed to POST/DELETE besides the request's own and `redirectUri`'s. */
  allowedOrigins?: readonly string[]
  /** Time allowed per Pelm call, retries included. Default 10 000 ms. */
  timeoutMs?: number
  /** Retries of transient Pelm failures. Default `{ retries: 2, baseDelayMs: 250, maxDelayMs: 2000 }`. */
  retry?: RetryPolicy
  /** Path of Pelm's connect-token endpoint. Default `/auth/connect-token`. */
  connectTokenPath?: string
  /** Path of Pelm's Delete user endpoint, `{user_id}` for the id. Default `/users/{user_id}`. */
  deleteUserPath?: string
  /** Name of the cookie binding states to the browser. Default `pelm_binding`. */
  cookieName?: string
  /**
   * `Path` of that cookie. Default: the directory of the connect-token route (the mount path), as
   * the browser sent it (percent-encoded, which is what browsers match cookie paths against).
   */
  cookiePath?: string
  /** `Secure` flag of that cookie. Default: set when the request or `redirectUri` is https. */
  secureCookie?: boolean
  /** One-time use of states and codes. Default `memoryReplayStore()`; share one across instances. */
  replayStore?: ReplayStore
  /** The clock, in ms. Default `Date.now`. */
  now?: () => number
}

/** Options of {@link connectTokenHandler}. */
export type ConnectTokenHandlerOptions<E extends Env = Env> = Omit<
  PelmRoutesOptions<E>,
  'onConnected' | 'onDisconnected' | 'replayStore' | 'statusMaxAge' | 'statusConcurrency'
>

/** Options of {@link exchangeHandler}: `redirectUri` only widens the allowed origins. */
export type ExchangeHandlerOptions<E extends Env = Env> = Omit<
  PelmRoutesOptions<E>,
  | 'redirectUri'
  | 'connectUrl'
  | 'onDisconnected'
  | 'statusMaxAge'
  | 'statusConcurrency'
  | 'cookiePath'
  | 'secureCookie'
> & { redirectUri?: string }

/** Options of {@link connectionsHandlers}: `redirectUri` only widens the allowed origins. */
export type ConnectionsHandlersOptions<E extends Env = Env> = Omit<
  PelmRoutesOptions<E>,
  | 'redirectUri'
  | 'connectUrl'
  | 'cookieSecret'
  | 'onConnected'
  | 'pelmUserId'
  | 'replayStore'
  | 'rateLimits'
  | 'rateLimiter'
  | 'cookieName'
  | 'cookiePath'
  | 'secureCookie'
  | 'connectTokenPath'
> & { redirectUri?: string }
