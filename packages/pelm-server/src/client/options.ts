import { type ResolvedRetryPolicy, type RetryPolicy, resolveRetryPolicy } from './backoff'
import type { PelmRetryEvent, TransportConfig } from './transport'

/** Options of {@link createPelmClient}. */
export interface PelmClientOptions {
  /** Your `Pelm-Client-Id`. */
  clientId: string
  /** Your `Pelm-Secret`. Server only. */
  secret: string
  /** The API base URL. Default `https://api.pelm.com`. */
  apiUrl?: string
  /** The `fetch` to use (the sandbox's in tests). Default `globalThis.fetch`. */
  fetch?: typeof globalThis.fetch
  /** Time allowed for one call, retries and their delays included, in ms. Default 10 000. */
  timeoutMs?: number
  /** Path of the connect-token endpoint. Default `/auth/connect-token` (`/auth/connect_token` also exists). */
  connectTokenPath?: string
  /** Retries of network errors and 502/503/504. Default `{ retries: 2, baseDelayMs: 250, maxDelayMs: 2000 }`. */
  retry?: RetryPolicy
  /** Retries of `data_unavailable` on data calls. Default `{ retries: 4, baseDelayMs: 500, maxDelayMs: 4000 }`. */
  dataRetry?: RetryPolicy
  /** Called before each retry (for logs); the event holds no token or secret. */
  onRetry?: (event: PelmRetryEvent) => void
  /** The clock `expiresAt` is computed from. Default `Date.now`. */
  now?: () => number
}

/**
 * Pelm's API base URL, the default `apiUrl`.
 *
 * @example
 * ```ts
 * createPelmClient({ clientId, secret, apiUrl: process.env.PELM_API_URL ?? DEFAULT_API_URL })
 * ```
 */
export const DEFAULT_API_URL = 'https://api.pelm.com'

/**
 * The default `timeoutMs` of one call, retries included.
 *
 * @example
 * ```ts
 * createPelmClient({ clientId, secret, timeoutMs: DEFAULT_TIMEOUT_MS * 2 })
 * ```
 */
export const DEFAULT_TIMEOUT_MS = 10_000
const DEFAULT_RETRY: ResolvedRetryPolicy = { retries: 2, baseDelayMs: 250, maxDelayMs: 2000 }
const DEFAULT_DATA_RETRY: ResolvedRetryPolicy = { retries: 4, baseDelayMs: 500, maxDelayMs: 4000 }

/** The URL if `value` is an absolute http(s) URL, else `undefined`. */
export function parseHttpUrl(value: string): URL | undefined {
  let url: URL | undefined
  try {
    url = new URL(value)
  } catch {}
  return url?.protocol === 'https:' || url?.protocol === 'http:' ? url : undefined
}

/** Checks an absolute http(s) URL; answers it without a trailing slash. */
export function httpUrl(value: unknown, name: string, owner: string): string {
  if (typeof value !== 'string' || !parseHttpUrl(value)) {
    throw new TypeError(
      `${owner}: ${name} must be an absolute http(s) URL (got ${JSON.stringify(value)}).`,
    )
  }
  return String(value).replace(/\/+$/, '')
}

export function requiredString(value: unknown, name: string, owner: string, hint = ''): string {
  if (typeof value !== 'string' || value.trim() === '') {
    throw new TypeError(`${owner}: ${name} is required and must be a non-empty string.${hint}`)
  }
  return value
}

export function positiveNumber(value: unknown, name: string, owner: string): number {
  if (typeof value !== 'number' || !Number.isFinite(value) || value <= 0) {
    throw new TypeError(`${owner}: ${name} must be a positive number of ms (got ${value}).`)
  }
  return value
}

export interface ResolvedClientOptions {
  transport: TransportConfig
  connectTokenPath: string
  now: () => number
}

/** Validates the options at once, so a missing secret fails at start-up, not on a request. */
export function resolveClientOptions(options: PelmClientOptions): ResolvedClientOptions {
  const owner = 'createPelmClient'
  if (typeof options !== 'object' || options === null) {
    throw new TypeError(`${owner}: options are required ({ clientId, secret }).`)
  }
  const path = options.connectTokenPath ?? '/auth/connect-token'
  if (typeof path !== 'string' || !path.startsWith('/')) {
    throw new TypeError(
      `${owner}: connectTokenPath must start with "/" (got ${JSON.stringify(path)}).`,
    )
  }
  const fetch = options.fetch ?? globalThis.fetch
  if (typeof fetch !== 'function') {
    throw new TypeError(`${owner}: no fetch available; pass options.fetch.`)
  }
  return {
    connectTokenPath: path,
    now: options.now ?? Date.now,
    transport: {
      clientId: requiredString(options.clientId, 'clientId', owner, ' It is your Pelm-Client-Id.'),
      secret: requiredString(options.secret, 'secret', owner, ' It is your Pelm-Secret.'),
      apiUrl: httpUrl(options.apiUrl ?? DEFAULT_API_URL, 'apiUrl', owner),
      fetch,
      timeoutMs: positiveNumber(options.timeoutMs ?? DEFAULT_TIMEOUT_MS, 'timeoutMs', owner),
      retry: resolveRetryPolicy(options.retry, DEFAULT_RETRY, 'retry'),
      dataRetry: resolveRetryPolicy(options.dataRetry, DEFAULT_DATA_RETRY, 'dataRetry'),
      onRetry: options.onRetry,
    },
  }
}
