import {
  createPelmMock,
  type PelmMock,
  type PelmMockOptions,
  type SandboxUtility,
  sandboxUtilities,
} from '@acme/pelm-mock'
import {
  encryptedTokenStore,
  memoryTokenStore,
  type TokenStore,
  unstorageTokenStore,
} from '@acme/pelm-server'
import { type PelmLogEvent, type PelmRoutesOptions, pelmRoutes } from '@acme/pelm-server/hono'
import { Hono } from 'hono'
import { getCookie } from 'hono/cookie'
import { createStorage, type Storage } from 'unstorage'
import { stateCookie } from './answers'
import { countFaults } from './fault-count'
import { createSecrets, type Secrets } from './secrets'
import { type ObservedTokenStore, observeTokenStore } from './token-store'

export { errorOf, jsonError, stateCookie } from './answers'

export const MOUNT = '/api/pelm'
/** Pacific Gas and Electric, the utility of Pelm's own sandbox login. */
export const pge = sandboxUtilities.find((utility) => utility.slug === 'pge') as SandboxUtility

/** The app's own session, faked: a `session` cookie naming the signed-in user. */
export const SESSION_USER = /^[A-Za-z0-9][\w.@-]{0,63}$/
type Env = { Variables: { userId: string | undefined } }

export interface HarnessOptions {
  /** Overrides of the `pelmRoutes` options. */
  routes?: Partial<PelmRoutesOptions<Env>>
  /** Options of the sandbox. */
  mock?: PelmMockOptions
  /** `encrypted`: unstorage (memory driver) behind `encryptedTokenStore`. Default `memory`. */
  store?: 'memory' | 'encrypted'
  /** The app's origin. Default `http://app.localhost`. */
  origin?: string
  /** Share secrets, sandbox and storage with another harness (another instance of the app). */
  secrets?: Secrets
  sandbox?: PelmMock
  storage?: Storage
  /** Keys of the encrypted store, newest first. Default: `[secrets.tokenKey]`. */
  tokenKeys?: string[]
}

export interface Captured {
  method: string
  url: string
  status: number
  headers: [string, string][]
  body: string
}

export interface RequestInit {
  /** The signed-in user (the fake session cookie); none when absent. */
  user?: string
  /** More cookies, e.g. `pelm_state=…`. */
  cookie?: string
  /** An object is sent as JSON; a string as is. */
  body?: unknown
  headers?: Record<string, string>
  /** The `Origin` header: the app's own by default; `null` sends none. */
  origin?: string | null
}

/**
 * A real Hono app with `pelmRoutes` mounted at `/api/pelm`, an in-process Pelm sandbox as
 * upstream, a fake session, a token store whose writes are observed, and every answer captured.
 */
export function createHarness(options: HarnessOptions = {}) {
  const secrets: Secrets = options.secrets ?? createSecrets()
  const origin = options.origin ?? 'http://app.localhost'
  const redirectUri = `${origin}/pelm/callback`
  const mock: PelmMock =
    options.sandbox ??
    createPelmMock({ clientId: secrets.clientId, secret: secrets.clientSecret, ...options.mock })
  const faultsInjected = countFaults(mock)
  const storage: Storage = options.storage ?? createStorage()
  const keys = options.tokenKeys ?? [secrets.tokenKey]
  const inner: TokenStore =
    options.store === 'encrypted'
      ? encryptedTokenStore(unstorageTokenStore(storage), { keys })
      : memoryTokenStore()
  const tokens: ObservedTokenStore = observeTokenStore(inner)
  const logs: PelmLogEvent[] = []
  const captured: Captured[] = []

  const app = new Hono<Env>()
  app.use(async (c, next) => {
    const user = getCookie(c, 'session')
    c.set('userId', user && SESSION_USER.test(user) ? user : undefined)
    await next()
  })
  app.route(
    MOUNT,
    pelmRoutes<Env>({
      clientId: secrets.clientId,
      secret: secrets.clientSecret,
      apiUrl: mock.apiUrl,
      connectUrl: mock.connectUrl,
      fetch: mock.fetch,
      redirectUri,
      cookieSecret: secrets.cookieSecret,
      getUserId: (c) => c.get('userId'),
      tokenStore: tokens,
      logger: (event) => void logs.push(event),
      retry: { retries: 2, baseDelayMs: 1, maxDelayMs: 2 },
      timeoutMs: 10_000,
      ...options.routes,
    }),
  )

  /** Sends a request to the app as a browser or a script would; captures the answer. */
  async function send(request: Request): Promise<Response> {
    const response = await app.fetch(request)
    const copy = response.clone()
    captured.push({
      method: request.method,
      url: request.url,
      status: copy.status,
      headers: [...copy.headers],
      body: await copy.text(),
    })
    return response
  }

  function request(method: string, path: string, init: RequestInit = {}): Promise<Response> {
    const cookies = [init.user !== undefined && `session=${init.user}`, init.cookie]
      .filter(Boolean)
      .join('; ')
    const headers: Record<string, string> = {
      ...(init.origin !== null && { origin: init.origin ?? origin }),
      ...(cookies && { cookie: cookies }),
      ...(init.body !== undefined && { 'content-type': 'application/json' }),
      ...init.headers,
    }
    const body =
      init.body === undefined || typeof init.body === 'string'
        ? (init.body as string | undefined)
        : JSON.stringify(init.body)
    return send(new Request(`${origin}${MOUNT}${path}`, { method, headers, body }))
  }

  /** `POST /connect-token` as `user`: the state and state cookie a browser would hold. */
  async function start(user: string, body: unknown = {}) {
    const response = await request('POST', '/connect-token', { user, body })
    if (response.status !== 200) {
      throw new Error(`connect-token answered ${response.status}: ${await response.text()}`)
    }
    const { connectUrl } = (await response.clone().json()) as { connectUrl: string }
    const url = new URL(connectUrl)
    return { state: url.searchParams.get('state') ?? '', cookie: stateCookie(response), url }
  }

  const exchange = (user: string | undefined, body: unknown, cookie?: string) =>
    request('POST', '/exchange', { user, body, cookie })

  /** A code as Pelm hands it back once `user` completes Connect. */
  const codeFor = (user: string) => mock.store.issueCode(user, pge).code

  /** The whole flow for `user`, Connect's pages skipped: start, code, exchange. */
  async function connect(user: string) {
    const { state, cookie } = await start(user)
    return exchange(user, { code: codeFor(user), state }, cookie)
  }

  const harness = {
    app,
    mock,
    secrets,
    origin,
    redirectUri,
    storage,
    tokens,
    logs,
    captured,
    send,
    request,
    start,
    exchange,
    codeFor,
    connect,
    /** How many injected faults fired so far. */
    faultsInjected,
    /** How many requests reached the sandbox at this path (e.g. `/auth/token`). */
    upstreamCalls: (path: string) => mock.requests.filter((entry) => entry.path === path).length,
  }
  created.push(harness)
  return harness
}

/** What the setup file scans of each harness. */
export interface ScannedHarness {
  secrets: Secrets
  mock: PelmMock
  captured: readonly Captured[]
  logs: readonly PelmLogEvent[]
}

const created: ScannedHarness[] = []

/** Every harness this test file created: their answers and logs are scanned for secrets. */
export const createdHarnesses = (): readonly ScannedHarness[] => created

export type Harness = ReturnType<typeof createHarness>
