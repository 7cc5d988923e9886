import {
  DEFAULT_RECORD_RETENTION,
  DEFAULT_REQUEST_LOG_RETENTION,
  type Retention,
} from './sandbox/retention'
import type { PelmMockState } from './sandbox/state'
import { CONNECT_TOKEN_TTL_MS } from './sandbox/store'

/**
 * Options of `createPelmMock`; every one has a default.
 *
 * @example
 * ```ts
 * import { createPelmMock, openStateFile, type PelmMockOptions } from '@acme/pelm-mock'
 *
 * const file = await openStateFile('sandbox.json')
 * const options: PelmMockOptions = {
 *   baseUrl: 'http://localhost:3000/sandbox',
 *   requestLog: false, // a long-running demo needs no request log
 *   state: file.state,
 *   onChange: file.save, // each state whole, in order
 * }
 * const mock = createPelmMock(options)
 * ```
 */
export interface PelmMockOptions {
  /**
   * The client id the API accepts in `Pelm-Client-Id`. Default `sandbox_client_id`. Like `secret`,
   * printable ASCII without surrounding spaces, or `createPelmMock` throws.
   */
  clientId?: string
  /**
   * The secret the API accepts in `Pelm-Secret`. Default `sandbox_secret`, which is published: give
   * a sandbox others can reach a secret of its own.
   */
  secret?: string
  /**
   * Where the sandbox is reached; `apiUrl` and `connectUrl` derive from it. Default
   * `http://pelm.localhost`. An absolute http(s) URL, a path allowed (no query, fragment or
   * credentials), or `createPelmMock` throws.
   */
  baseUrl?: string
  /** The clock every expiry is read from, in milliseconds. Default `Date.now`. */
  now?: () => number
  /** New connections answer 500 `data_unavailable` for this long after the exchange. Default 0. */
  dataDelayMs?: number
  /** Larger request bodies are refused with 413, unread. Default 64 KiB. */
  maxBodyBytes?: number
  /**
   * How many requests `mock.requests` keeps and for how long (older ones are dropped as new ones
   * arrive), or `false` to record none. Default `{ maxEntries: 1000, maxAgeMs: 3600000 }`; a test
   * that counts every request it caused can lift the bounds with `Infinity`.
   */
  requestLog?: Partial<Retention> | false
  /**
   * How many connect tokens, codes, Connect sessions and access tokens of deleted Users the
   * sandbox remembers (each kind), and for how long after they were made. Users and their access
   * tokens are kept until deleted. Default `{ maxEntries: 10000, maxAgeMs: 3600000 }`;
   * `maxAgeMs` must be at least 30 minutes, the life of a connect token; `Infinity` lifts a bound.
   */
  records?: Partial<Retention>
  /** Users and access tokens to start with: a value `mock.exportState()` gave (checked). */
  state?: unknown
  /**
   * Called with the new state after every change to the Users or their access tokens (a User
   * connected, reconnected, made invalid or deleted; `reset()`), e.g. to save it to a file. An
   * error it throws or rejects with is logged with `console.error` and fails no request.
   */
  onChange?: (state: PelmMockState) => void | Promise<void>
}

/** The options that `createPelmMock` checks, with their defaults filled in. */
export interface CheckedOptions {
  dataDelayMs: number
  maxBodyBytes: number
  requestLog: Retention | false
  records: Retention
}

/** A whole number of at least `min` (or `Infinity` where that means "no bound"), or the default. */
function checkedNumber(
  name: string,
  value: number | undefined,
  fallback: number,
  min: number,
  allowInfinity = false,
): number {
  if (value === undefined) return fallback
  if (allowInfinity && value === Number.POSITIVE_INFINITY) return value
  if (Number.isSafeInteger(value) && value >= min) return value
  const expected = `a whole number of at least ${min}${allowInfinity ? ' or Infinity' : ''}`
  throw new TypeError(`createPelmMock: ${name} must be ${expected}, got ${value}.`)
}

function retention(name: string, given: Partial<Retention>, fallback: Retention, minAgeMs = 1) {
  return {
    maxEntries: checkedNumber(`${name}.maxEntries`, given.maxEntries, fallback.maxEntries, 1, true),
    maxAgeMs: checkedNumber(`${name}.maxAgeMs`, given.maxAgeMs, fallback.maxAgeMs, minAgeMs, true),
  }
}

// What a request can send back exactly: header values lose surrounding spaces, and fetch refuses
// control characters (and anything past Latin-1) in them.
const HEADER_VALUE = /^[\x21-\x7e](?:[\x20-\x7e]*[\x21-\x7e])?$/

/** A credential the API will compare headers with: one no request could send refuses them all. */
function checkCredential(name: 'clientId' | 'secret', value: unknown): void {
  if (value === undefined || (typeof value === 'string' && HEADER_VALUE.test(value))) return
  throw new TypeError(
    `createPelmMock: ${name} must be printable ASCII without surrounding spaces (a header value a request can send), got ${JSON.stringify(value)}.`,
  )
}

/** A base URL that `apiUrl` and `connectUrl` (base + '/connect') can be built on. */
function checkBaseUrl(value: string | undefined): void {
  if (value === undefined) return
  const url = typeof value === 'string' && URL.canParse(value) ? new URL(value) : undefined
  const usable =
    url !== undefined &&
    (url.protocol === 'http:' || url.protocol === 'https:') &&
    url.username === '' &&
    url.password === '' &&
    !value.includes('?') &&
    !value.includes('#')
  if (usable) return
  throw new TypeError(
    `createPelmMock: baseUrl must be an absolute http(s) URL without credentials, query or fragment, such as http://localhost:3000/sandbox, got ${JSON.stringify(value)}.`,
  )
}

/** Checks the options; a bad one throws a `TypeError` that names it. */
export function checkOptions(options: PelmMockOptions): CheckedOptions {
  checkCredential('clientId', options.clientId)
  checkCredential('secret', options.secret)
  checkBaseUrl(options.baseUrl)
  const log = options.requestLog ?? {}
  return {
    dataDelayMs: checkedNumber('dataDelayMs', options.dataDelayMs, 0, 0),
    maxBodyBytes: checkedNumber('maxBodyBytes', options.maxBodyBytes, 64 * 1024, 1),
    requestLog: log === false ? false : retention('requestLog', log, DEFAULT_REQUEST_LOG_RETENTION),
    records: retention(
      'records',
      options.records ?? {},
      DEFAULT_RECORD_RETENTION,
      CONNECT_TOKEN_TTL_MS,
    ),
  }
}
