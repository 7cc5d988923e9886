import * as v from 'valibot'
import { durationMs, fn, httpUrl, integer, parseOptions, requiredString } from '../option-schemas'
import type { ResolvedRetryPolicy, RetryPolicy } from './backoff'
import type { PelmRetryEvent, TransportConfig } from './transport'

/** Options of {@link createPelmClient}. */
export interface PelmClientOptions {
  /** Your `Pelm-Client-Id`. */
  clientId: string
  /** Your `Pelm-Secret`. Server only. */
  secret: string
  /** The API base URL (no query string). Default `https://api.pelm.com`. */
  apiUrl?: string
  /** The `fetch` to use (the sandbox's in tests). Default `globalThis.fetch`. */
  fetch?: typeof globalThis.fetch
  /** Time allowed for one call, retries and their delays included, in ms. Default 10 000. */
  timeoutMs?: number
  /** Path of the connect-token endpoint. Default `/auth/connect-token` (`/auth/connect_token` also exists). */
  connectTokenPath?: string
  /**
   * Path of Pelm's Delete user endpoint, `{user_id}` standing for the (encoded) user id. Default
   * `/users/{user_id}`: Pelm's reference lists Delete user beside Get user without its path.
   */
  deleteUserPath?: string
  /** Largest answer read from Pelm, in bytes; a larger one fails as `invalid_response`. Default 8 MiB. */
  maxResponseBytes?: number
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
const MiB = 1024 * 1024

const path = (name: string) =>
  v.pipe(
    v.string(`${name} must be a path starting with "/".`),
    v.check(
      (value) => value.startsWith('/') && !/[?#]/.test(value),
      (issue) =>
        `${name} must start with "/" and have no query or fragment (got ${JSON.stringify(issue.input)}).`,
    ),
  )

const retryPolicy = (name: string, defaults: ResolvedRetryPolicy) =>
  v.pipe(
    v.optional(
      v.object({
        retries: v.optional(integer(`${name}.retries`, 0, 10)),
        baseDelayMs: v.optional(integer(`${name}.baseDelayMs`, 0, 60_000)),
        maxDelayMs: v.optional(integer(`${name}.maxDelayMs`, 0, 600_000)),
      }),
      {},
    ),
    v.transform(
      (policy): ResolvedRetryPolicy => ({
        retries: policy.retries ?? defaults.retries,
        baseDelayMs: policy.baseDelayMs ?? defaults.baseDelayMs,
        maxDelayMs: policy.maxDelayMs ?? defaults.maxDelayMs,
      }),
    ),
  )

/** The schema of {@link PelmClientOptions}: every option checked, defaults filled in. */
export const clientOptionsSchema = v.object({
  clientId: requiredString(
    'clientId',
    ' It is your Pelm-Client-Id (e.g. process.env.PELM_CLIENT_ID).',
  ),
  secret: requiredString('secret', ' It is your Pelm-Secret (e.g. process.env.PELM_SECRET).'),
  apiUrl: v.optional(httpUrl('apiUrl', { base: true }), DEFAULT_API_URL),
  fetch: v.optional(fn<typeof globalThis.fetch>('fetch')),
  timeoutMs: v.optional(durationMs('timeoutMs'), DEFAULT_TIMEOUT_MS),
  connectTokenPath: v.optional(path('connectTokenPath'), '/auth/connect-token'),
  deleteUserPath: v.optional(
    v.pipe(
      path('deleteUserPath'),
      v.check(
        (value) => value.includes('{user_id}'),
        'deleteUserPath must contain "{user_id}", e.g. "/users/{user_id}".',
      ),
    ),
    '/users/{user_id}',
  ),
  maxResponseBytes: v.optional(integer('maxResponseBytes', 1024, 1024 * MiB), 8 * MiB),
  retry: retryPolicy('retry', DEFAULT_RETRY),
  dataRetry: retryPolicy('dataRetry', DEFAULT_DATA_RETRY),
  onRetry: v.optional(fn<(event: PelmRetryEvent) => void>('onRetry')),
  now: v.optional(fn<() => number>('now'), () => Date.now),
})

export interface ResolvedClientOptions {
  transport: TransportConfig
  connectTokenPath: string
  deleteUserPath: string
  now: () => number
}

/** Validates the options at once, so a missing secret fails at start-up, not on a request. */
export function resolveClientOptions(input: PelmClientOptions): ResolvedClientOptions {
  const options = parseOptions(clientOptionsSchema, input, 'createPelmClient')
  const fetch = options.fetch ?? globalThis.fetch
  if (typeof fetch !== 'function') {
    throw new TypeError('createPelmClient: no fetch available; pass options.fetch.')
  }
  return {
    connectTokenPath: options.connectTokenPath,
    deleteUserPath: options.deleteUserPath,
    now: options.now,
    transport: {
      clientId: options.clientId,
      secret: options.secret,
      apiUrl: options.apiUrl,
      fetch,
      timeoutMs: options.timeoutMs,
      maxResponseBytes: options.maxResponseBytes,
      retry: options.retry,
      dataRetry: options.dataRetry,
      onRetry: options.onRetry,
    },
  }
}
