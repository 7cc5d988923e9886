import type { Context, Env } from 'hono'
import type { RetryPolicy } from '../client/backoff'
import type { ReplayStore } from '../replay-store'
import type { TokenStore } from '../token-store'
import type { PelmLogger } from './logger'

/** Answers the signed-in user's id, from the app's own session; `undefined`/`null`/`''` → 401. */
export type GetUserId<E extends Env = Env> = (
  c: Context<E>,
) => string | null | undefined | Promise<string | null | undefined>

/** Options of {@link pelmRoutes}; the handler factories take the subset they use. */
export interface PelmRoutesOptions<E extends Env = Env> {
  /** Your `Pelm-Client-Id`. */
  clientId: string
  /** Your `Pelm-Secret`; stays on the server. */
  secret: string
  /** Where Connect sends users back (your callback page): absolute http(s), used exactly. */
  redirectUri: string
  /** Signs the state cookie: at least 32 characters (`openssl rand -base64 32`). */
  cookieSecret: string
  /** The signed-in user's id from your session. Never read it from the request body. */
  getUserId: GetUserId<E>
  /** Where access tokens are kept. Wrap it with `encryptedTokenStore` in production. */
  tokenStore: TokenStore
  /** Pelm API base URL. Default `https://api.pelm.com`. */
  apiUrl?: string
  /** Hosted Connect URL. Default `https://connect.pelm.com/`. */
  connectUrl?: string
  /** The `fetch` used to call Pelm. Default `globalThis.fetch`. */
  fetch?: typeof globalThis.fetch
  /** Called after a connection is stored; receives the user id, never the token. */
  onConnected?: (c: Context<E>, event: { userId: string }) => void | Promise<void>
  /** Receives structured events with secrets and tokens redacted. */
  logger?: PelmLogger
  /** Largest accepted JSON body, in bytes. Default 16 KiB. */
  maxBodyBytes?: number
  /** Origins allowed to POST/DELETE besides the request's own (e.g. a separate front-end host). */
  allowedOrigins?: readonly string[]
  /** Time allowed per Pelm call, retries included. Default 10 000 ms. */
  timeoutMs?: number
  /** Retries of transient Pelm failures. Default `{ retries: 2, baseDelayMs: 250, maxDelayMs: 2000 }`. */
  retry?: RetryPolicy
  /** Path of Pelm's connect-token endpoint. Default `/auth/connect-token`. */
  connectTokenPath?: string
  /** Name of the state cookie. Default `pelm_state`. */
  cookieName?: string
  /** `Path` of the state cookie. Default: the directory of the connect-token route (the mount path). */
  cookiePath?: string
  /** `Secure` flag of the state cookie. Default: set when the request or `redirectUri` is https. */
  secureCookie?: boolean
  /** One-time use of states and codes. Default `memoryReplayStore()`; share one across instances. */
  replayStore?: ReplayStore
  /** The clock, in ms. Default `Date.now`. */
  now?: () => number
}

/** Options of {@link connectTokenHandler}: no token store needed. */
export type ConnectTokenHandlerOptions<E extends Env = Env> = Omit<
  PelmRoutesOptions<E>,
  'tokenStore' | 'onConnected' | 'replayStore'
>

/** Options of {@link exchangeHandler}: no redirect URI needed. */
export type ExchangeHandlerOptions<E extends Env = Env> = Omit<
  PelmRoutesOptions<E>,
  'redirectUri' | 'connectUrl'
>

/** Options of {@link connectionHandlers}. */
export type ConnectionHandlersOptions<E extends Env = Env> = Pick<
  PelmRoutesOptions<E>,
  'getUserId' | 'tokenStore' | 'logger' | 'allowedOrigins'
>
