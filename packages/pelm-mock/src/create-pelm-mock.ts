import { Hono } from 'hono'
import { bodyLimit } from 'hono/body-limit'
import { apiRoutes } from './api/routes'
import { connectRoutes } from './connect/routes'
import { pathWithin } from './local-path'
import { checkOptions, type PelmMockOptions } from './options'
import type { SandboxContext } from './sandbox/context'
import { pelmError } from './sandbox/errors'
import { DroppedConnection, FaultInjector } from './sandbox/faults'
import { parseState } from './sandbox/parse-state'
import { type RecordedRequest, RequestLog } from './sandbox/request-log'
import { type PelmMockState, toState } from './sandbox/state'
import { SandboxStore } from './sandbox/store'

export type { PelmMockOptions } from './options'

/**
 * A running sandbox: a Hono app plus the handles tests use to observe and disturb it.
 *
 * @example
 * ```ts
 * import { createPelmMock, type PelmMock } from '@acme/pelm-mock'
 *
 * const mock: PelmMock = createPelmMock()
 * // … connect a user through your app, then simulate a password change at the utility:
 * mock.invalidateCredentials('conn_1') // true when that Pelm user exists
 * const saved = JSON.stringify(mock.exportState())
 * ```
 */
export interface PelmMock {
  /** The Hono app: API at `/`, hosted Connect pages at `/connect`. */
  app: Hono
  /**
   * A `fetch` that answers from the sandbox in-process, for any absolute URL: pass it to the Pelm
   * client. Like the platform's, it rejects when its `signal` aborts (before: nothing is sent).
   */
  fetch: (input: RequestInfo | URL, init?: RequestInit) => Promise<Response>
  /** The API base URL, e.g. `http://pelm.localhost`. */
  apiUrl: string
  /** The hosted Connect URL, e.g. `http://pelm.localhost/connect`. */
  connectUrl: string
  /** The credentials the API accepts. */
  credentials: { clientId: string; secret: string }
  /** The requests received, oldest first, bounded by the `requestLog` option. */
  requests: RecordedRequest[]
  /** Fault injection: latency, error statuses, malformed bodies, dropped connections. */
  faults: FaultInjector
  /** Tokens, codes, Pelm Users; read it in tests, or call `reset()`. */
  store: SandboxStore
  /**
   * Makes a User's credentials invalid, as a password change at the utility would: `GET
   * /users/{id}` answers `credentials_valid: false` until Connect runs again in update mode for
   * that `user_id`. Data endpoints keep answering. `false` when no connected User has this id.
   */
  invalidateCredentials(pelmUserId: string): boolean
  /** The Users and their access tokens, as JSON to give back through the `state` option. */
  exportState(): PelmMockState
  /** Forgets every token, code, User, recorded request and fault. */
  reset(): void
}

/**
 * The `Pelm-Client-Id` the API accepts when `createPelmMock` gets no `clientId`.
 *
 * @example
 * ```ts
 * import { createPelmMock, DEFAULT_CLIENT_ID } from '@acme/pelm-mock'
 *
 * createPelmMock().credentials.clientId === DEFAULT_CLIENT_ID // true
 * ```
 */
export const DEFAULT_CLIENT_ID = 'sandbox_client_id'

/**
 * The `Pelm-Secret` the API accepts when `createPelmMock` gets no `secret`. It is published (in
 * these READMEs, in the CLI's banner): a sandbox that others can reach needs a secret of its own.
 *
 * @example
 * ```ts
 * import { randomUUID } from 'node:crypto'
 * import { createPelmMock, DEFAULT_SECRET } from '@acme/pelm-mock'
 *
 * const local = createPelmMock() // accepts DEFAULT_SECRET: fine in a test
 * const exposed = createPelmMock({ baseUrl: 'https://demo.example/sandbox', secret: randomUUID() })
 * exposed.credentials.secret === DEFAULT_SECRET // false
 * ```
 */
export const DEFAULT_SECRET = 'sandbox_secret'

function reportingFailures(onChange: PelmMockOptions['onChange']) {
  const report = (error: unknown) => console.error('pelm-mock: onChange failed:', error)
  return (state: PelmMockState) => {
    try {
      Promise.resolve(onChange?.(state)).catch(report)
    } catch (error) {
      report(error)
    }
  }
}

/** The answer, or a rejection with the signal's reason once it aborts first. */
function untilAborted<T>(answer: T | Promise<T>, signal: AbortSignal): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const abort = () => reject(signal.reason)
    signal.addEventListener('abort', abort, { once: true })
    Promise.resolve(answer)
      .then(resolve, reject)
      .finally(() => signal.removeEventListener('abort', abort))
  })
}

/**
 * Creates an offline Pelm sandbox: the API (`/auth/connect-token`, `/auth/token`,
 * `/users/{user_id}`, `/accounts`, `/bills`, `/intervals`) and the hosted Connect pages, in one
 * Hono app. Options are checked at once: a bad one throws a `TypeError`, a bad `state` a
 * `PelmMockStateError`.
 *
 * @example
 * ```ts
 * import { createPelmMock } from '@acme/pelm-mock'
 *
 * const mock = createPelmMock()
 * const res = await mock.fetch(`${mock.apiUrl}/auth/connect-token`, {
 *   method: 'POST',
 *   headers: { 'Pelm-Client-Id': mock.credentials.clientId, 'Pelm-Secret': mock.credentials.secret },
 *   body: new URLSearchParams({ user_id: 'user-1' }),
 * })
 * // → 200 { connect_token: 'ct_…', expires_in: 1800 }
 * ```
 */
export function createPelmMock(options: PelmMockOptions = {}): PelmMock {
  const checked = checkOptions(options)
  const now = options.now ?? Date.now
  const baseUrl = (options.baseUrl ?? 'http://pelm.localhost').replace(/\/+$/, '')
  const localPath = pathWithin(new URL(baseUrl).pathname)
  const notify = options.onChange && reportingFailures(options.onChange)
  const store: SandboxStore = new SandboxStore(now, {
    retention: checked.records,
    users: options.state === undefined ? [] : parseState(options.state),
    onUsersChange: notify && (() => notify(toState(store.users.values()))),
  })
  const faults = new FaultInjector()
  const log = new RequestLog({
    now,
    localPath,
    maxBodyBytes: checked.maxBodyBytes,
    retention: checked.requestLog,
  })
  const context: SandboxContext = {
    store,
    now,
    clientId: options.clientId ?? DEFAULT_CLIENT_ID,
    secret: options.secret ?? DEFAULT_SECRET,
    publicOrigin: new URL(baseUrl).origin,
    dataDelayMs: checked.dataDelayMs,
    retention: checked.records,
  }

  const app = new Hono()
  // The limit comes first: an oversized body is refused before anything reads or keeps it.
  app.use(
    bodyLimit({
      maxSize: checked.maxBodyBytes,
      onError: (c) => {
        log.recordRefused(c)
        const message = `Request body is larger than ${checked.maxBodyBytes} bytes.`
        return pelmError(c, 413, 'parameter_invalid', message)
      },
    }),
  )
  app.use(log.middleware())
  app.use(faults.middleware(localPath))
  app.route('/connect', connectRoutes(context))
  app.route('/', apiRoutes(context))
  app.notFound((c) => pelmError(c, 404, 'not_found', `No route ${c.req.method} ${c.req.path}.`))
  app.onError((error, c) => {
    if (error instanceof DroppedConnection) throw error
    return pelmError(c, 500, 'internal_error', 'The sandbox failed to handle this request.')
  })

  // A base URL with a path (`http://localhost:3000/sandbox`) is answered as if mounted there.
  const routed = localPath.basePath ? new Hono().route(localPath.basePath, app) : app
  const fetch: PelmMock['fetch'] = async (input, init) => {
    const request = new Request(input, init)
    // As the platform's fetch: an aborted signal sends nothing, and rejects a pending answer.
    request.signal.throwIfAborted()
    try {
      return await untilAborted(routed.fetch(request), request.signal)
    } catch (error) {
      if (error instanceof DroppedConnection) throw new TypeError('fetch failed', { cause: error })
      throw error
    }
  }

  return {
    app,
    fetch,
    apiUrl: baseUrl,
    connectUrl: `${baseUrl}/connect`,
    credentials: { clientId: context.clientId, secret: context.secret },
    requests: log.entries,
    faults,
    store,
    invalidateCredentials: (pelmUserId) => store.invalidateCredentials(pelmUserId),
    exportState: () => toState(store.users.values()),
    reset() {
      store.clear()
      faults.clear()
      log.clear()
    },
  }
}
