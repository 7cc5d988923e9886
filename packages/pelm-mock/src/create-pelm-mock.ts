import { Hono } from 'hono'
import { bodyLimit } from 'hono/body-limit'
import { apiRoutes } from './api/routes'
import { connectRoutes } from './connect/routes'
import type { SandboxContext } from './sandbox/context'
import { pelmError } from './sandbox/errors'
import { DroppedConnection, FaultInjector } from './sandbox/faults'
import { type RecordedRequest, requestLog } from './sandbox/request-log'
import { SandboxStore } from './sandbox/store'

/** Options of {@link createPelmMock}; every one has a default. */
export interface PelmMockOptions {
  /** The client id the API accepts in `Pelm-Client-Id`. Default `sandbox_client_id`. */
  clientId?: string
  /** The secret the API accepts in `Pelm-Secret`. Default `sandbox_secret`. */
  secret?: string
  /** Where the sandbox is reached; `apiUrl` and `connectUrl` derive from it. Default `http://pelm.localhost`. */
  baseUrl?: string
  /** The clock every expiry is read from, in milliseconds. Default `Date.now`. */
  now?: () => number
  /** New connections answer 500 `data_unavailable` for this long after the exchange. Default 0. */
  dataDelayMs?: number
  /** Larger request bodies are refused with 413. Default 64 KiB. */
  maxBodyBytes?: number
}

/** A running sandbox: a Hono app plus the handles tests use to observe and disturb it. */
export interface PelmMock {
  /** The Hono app: API at `/`, hosted Connect pages at `/connect`. */
  app: Hono
  /** A `fetch` that answers from the sandbox in-process, for any absolute URL: pass it to the Pelm client. */
  fetch: (input: RequestInfo | URL, init?: RequestInit) => Promise<Response>
  /** The API base URL, e.g. `http://pelm.localhost`. */
  apiUrl: string
  /** The hosted Connect URL, e.g. `http://pelm.localhost/connect`. */
  connectUrl: string
  /** The credentials the API accepts. */
  credentials: { clientId: string; secret: string }
  /** Every request received, oldest first. */
  requests: RecordedRequest[]
  /** Fault injection: latency, error statuses, malformed bodies, dropped connections. */
  faults: FaultInjector
  /** Tokens, codes and connected users; read it in tests, or call `reset()`. */
  store: SandboxStore
  /** Forgets every token, code, connection, recorded request and fault. */
  reset(): void
}

/** Paths as the sandbox sees them: without the base URL's path, wherever the app is mounted. */
interface LocalPath {
  (path: string): string
  basePath: string
}

function pathWithin(baseUrlPath: string): LocalPath {
  const basePath = baseUrlPath.replace(/\/+$/, '')
  const local = (path: string) =>
    basePath && (path === basePath || path.startsWith(`${basePath}/`))
      ? path.slice(basePath.length) || '/'
      : path
  return Object.assign(local, { basePath })
}

export const DEFAULT_CLIENT_ID = 'sandbox_client_id'
export const DEFAULT_SECRET = 'sandbox_secret'

/**
 * Creates an offline Pelm sandbox: the API (`/auth/connect-token`, `/auth/token`, `/accounts`,
 * `/bills`, `/intervals`) and the hosted Connect pages, in one Hono app.
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
  const now = options.now ?? Date.now
  const baseUrl = (options.baseUrl ?? 'http://pelm.localhost').replace(/\/+$/, '')
  const localPath = pathWithin(new URL(baseUrl).pathname)
  const maxBodyBytes = options.maxBodyBytes ?? 64 * 1024
  const store = new SandboxStore(now)
  const faults = new FaultInjector()
  const requests: RecordedRequest[] = []
  const context: SandboxContext = {
    store,
    now,
    clientId: options.clientId ?? DEFAULT_CLIENT_ID,
    secret: options.secret ?? DEFAULT_SECRET,
    dataDelayMs: options.dataDelayMs ?? 0,
  }

  const app = new Hono()
  app.use(requestLog(requests, now, localPath))
  app.use(
    bodyLimit({
      maxSize: maxBodyBytes,
      onError: (c) =>
        pelmError(
          c,
          413,
          'parameter_invalid',
          `Request body is larger than ${maxBodyBytes} bytes.`,
        ),
    }),
  )
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
    try {
      return await routed.fetch(new Request(input, init))
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
    requests,
    faults,
    store,
    reset() {
      store.clear()
      faults.clear()
      requests.length = 0
    },
  }
}
