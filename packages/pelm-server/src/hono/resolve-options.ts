import type { Context } from 'hono'
import * as v from 'valibot'
import { clientOptionsSchema } from '../client/options'
import { DEFAULT_CONNECT_URL } from '../connect-url'
import type { ConnectionStore } from '../connection-store'
import type { PelmEvent } from '../events'
import {
  durationMs,
  fn,
  httpUrl,
  integer,
  parseHttpUrl,
  parseOptions,
  withMethods,
} from '../option-schemas'
import { DEFAULT_RATE_LIMITS, type RateLimiter } from '../rate-limit'
import type { ReplayStore } from '../replay-store'
import type { PelmLogger } from './logger'
import type { ConnectedEvent, DisconnectedEvent, GetUserId } from './options'

/**
 * The option schemas of the Hono factories: each part checks the options one feature uses and
 * answers them typed, defaults filled in. A bad option throws at start-up, naming the factory.
 */

const COOKIE_NAME = /^[!#$%&'*+\-.^_`|~0-9A-Za-z]+$/
const KiB = 1024

const origin = v.pipe(
  v.string(),
  v.check(
    (value) => parseHttpUrl(value)?.origin === value,
    (issue) =>
      `allowedOrigins entries must be origins like "https://app.example.com" (got ${JSON.stringify(issue.input)}).`,
  ),
)

/** What every factory needs: who the user is, where connections live, how to log. */
const base = v.object({
  getUserId: fn<(c: Context) => ReturnType<GetUserId>>(
    'getUserId',
    'getUserId(c) is required: return the signed-in user id from your session.',
  ),
  connectionStore: withMethods<ConnectionStore>(
    'connectionStore',
    ['list', 'get', 'set', 'delete'],
    'is required: a ConnectionStore with list, get, set and delete (e.g. memoryConnectionStore()).',
  ),
  redirectUri: v.optional(httpUrl('redirectUri')),
  logger: v.optional(fn<PelmLogger>('logger')),
  maxBodyBytes: v.optional(integer('maxBodyBytes', 64, 1024 * KiB), 16 * KiB),
  allowedOrigins: v.optional(v.array(origin, 'allowedOrigins must be an array of origins.'), []),
  now: v.optional(fn<() => number>('now'), () => Date.now),
  onEvent: v.optional(fn<(event: PelmEvent, c: Context) => unknown>('onEvent')),
})

const routeLimit = v.union(
  [
    v.literal(false),
    v.object({
      limit: integer('rateLimits: limit', 1, 1_000_000),
      windowMs: durationMs('rateLimits: windowMs'),
    }),
  ],
  'rateLimits.connectToken and rateLimits.exchange must be false or { limit: a positive integer, windowMs: a positive number of ms }.',
)

/** Per-user limits of the two routes that spend something (Pelm quota, codes). */
const limits = v.object({
  rateLimiter: v.optional(
    withMethods<RateLimiter>('rateLimiter', ['hit'], 'must have hit(key, { limit, windowMs }).'),
  ),
  rateLimits: v.optional(
    v.union(
      [
        v.literal(false),
        v.object({
          connectToken: v.optional(routeLimit, DEFAULT_RATE_LIMITS.connectToken),
          exchange: v.optional(routeLimit, DEFAULT_RATE_LIMITS.exchange),
        }),
      ],
      'rateLimits must be false (no limits) or { connectToken?, exchange? }.',
    ),
    DEFAULT_RATE_LIMITS,
  ),
})

/** Issuing and verifying states: the key, the binding cookie, the replay store. */
const state = v.object({
  cookieSecret: v.pipe(
    v.string(
      (issue) =>
        `cookieSecret must be a string of at least 32 characters (got ${typeof issue.input}). Generate one with \`openssl rand -base64 32\`.`,
    ),
    v.check(
      (value) => value.length >= 32,
      (issue) =>
        `cookieSecret must be a string of at least 32 characters (got ${String(issue.input).length} characters). Generate one with \`openssl rand -base64 32\`.`,
    ),
  ),
  cookieName: v.optional(
    v.pipe(
      v.string('cookieName must be a string.'),
      v.regex(
        COOKIE_NAME,
        (issue) => `cookieName ${JSON.stringify(issue.input)} is not a valid cookie name.`,
      ),
    ),
    'pelm_binding',
  ),
  cookiePath: v.optional(
    v.pipe(
      v.string('cookiePath must start with "/".'),
      v.startsWith('/', 'cookiePath must start with "/".'),
    ),
  ),
  secureCookie: v.optional(v.boolean('secureCookie must be a boolean.')),
  pelmUserId: v.optional(
    fn<(appUserId: string, connectionId: string) => string>('pelmUserId'),
    () => (_appUserId: string, connectionId: string) => connectionId,
  ),
  replayStore: v.optional(
    withMethods<ReplayStore>('replayStore', ['claim'], 'must have claim(key, ttlMs).'),
  ),
  onConnected: v.optional(fn<(c: Context, event: ConnectedEvent) => unknown>('onConnected')),
})

/** Connect URLs: where Connect sends people back. */
const redirect = v.object({
  redirectUri: v.pipe(
    httpUrl('redirectUri'),
    v.check((value) => !value.includes('#'), 'redirectUri must not contain a fragment (#).'),
  ),
  connectUrl: v.optional(httpUrl('connectUrl'), DEFAULT_CONNECT_URL),
})

/** `GET /connections` and `DELETE /connections/:id`. */
const connections = v.object({
  statusMaxAge: v.optional(durationMs('statusMaxAge'), 10 * 60 * 1000),
  statusConcurrency: v.optional(integer('statusConcurrency', 1, 64), 4),
  onDisconnected: v.optional(
    fn<(c: Context, event: DisconnectedEvent) => unknown>('onDisconnected'),
  ),
})

export type BaseOptions = v.InferOutput<typeof base>
export type StateOptions = v.InferOutput<typeof state>
export type RedirectOptions = v.InferOutput<typeof redirect>
export type ConnectionsOptions = v.InferOutput<typeof connections>
export type ClientOptions = v.InferOutput<typeof clientOptionsSchema>

export const parseBase = (input: unknown, owner: string) => parseOptions(base, input, owner)
export const parseClient = (input: unknown, owner: string) =>
  parseOptions(clientOptionsSchema, input, owner)
export const parseConnections = (input: unknown, owner: string) =>
  parseOptions(connections, input, owner)
export const parseRedirect = (input: unknown, owner: string) => parseOptions(redirect, input, owner)
export const parseLimits = (input: unknown, owner: string) => parseOptions(limits, input, owner)

/**
 * The state options, and the cookie attributes they imply. Browsers drop `__Secure-`/`__Host-`
 * cookies set without their attributes: refused at start-up, not per request. Secure is on when
 * asked for, or by default with an https `redirectUri` (parsed, so `HTTPS://` counts).
 * `redirectUri` is `undefined` for the exchange handler: it only reads the cookie, so the
 * prefixes ask nothing of it.
 */
export function parseState(input: unknown, owner: string, redirectUri: string | undefined) {
  const options = parseOptions(state, input, owner)
  if (redirectUri === undefined) return options
  const secure = options.secureCookie ?? parseHttpUrl(redirectUri)?.protocol === 'https:'
  const fail = (message: string) => new TypeError(`${owner}: ${message}`)
  if (options.cookieName.startsWith('__Secure-') && !secure) {
    throw fail(
      'a cookieName starting with "__Secure-" needs Secure: secureCookie: true or an https redirectUri.',
    )
  }
  if (options.cookieName.startsWith('__Host-') && !(secure && options.cookiePath === '/')) {
    throw fail(
      'a cookieName starting with "__Host-" needs cookiePath: "/" and Secure (secureCookie: true or an https redirectUri).',
    )
  }
  return options
}
