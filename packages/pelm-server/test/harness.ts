import { createPelmMock, type PelmMock } from '@acme/pelm-mock'
import { completeConnect } from '@acme/pelm-mock/testing'
import { Hono } from 'hono'
import { getCookie } from 'hono/cookie'
import { expect } from 'vitest'
import type { ConnectionStore } from '../src/connection-store'
import { memoryConnectionStore } from '../src/connection-stores/memory'
import type { PelmLogEvent } from '../src/hono/logger'
import type { ConnectedEvent, DisconnectedEvent, PelmRoutesOptions } from '../src/hono/options'
import { pelmRoutes } from '../src/hono/routes'
import type { Connection, ExchangeResponse } from '../src/hono/wire'
import { pge } from './sandbox-client'

export const APP = 'http://app.localhost'
export const REDIRECT_URI = `${APP}/pelm/callback`
export const COOKIE_SECRET = 'test-cookie-secret-0123456789-abcdefghij'
export const BINDING_COOKIE = 'pelm_binding'

export type Env = { Variables: { userId: string | undefined } }

/** What a browser holds after `POST /connect-token`: the URL, its state, and the cookie jar. */
export interface Started {
  state: string
  /** `pelm_binding=…`, as the browser sends it back. */
  cookie: string
  connectUrl: URL
  /** The `user_id` the connect token was created for at Pelm. */
  pelmUserId: string
  response: Response
}

export interface Harness {
  app: Hono<Env>
  mock: PelmMock
  /** The app's origin; the redirect URI is `${origin}/pelm/callback`. */
  origin: string
  redirectUri: string
  connectionStore: ConnectionStore
  events: PelmLogEvent[]
  connected: ConnectedEvent[]
  disconnected: DisconnectedEvent[]
  /** Every answer the app gave, to check none carries a secret. */
  responses: { status: number; headers: string; body: string }[]
  /** Sends a request to the app as is (a browser or a script would); records the answer. */
  send(request: Request): Promise<Response>
  request(method: string, path: string, init?: RequestOptions): Promise<Response>
  /** `POST /connect-token` as `user` (with the browser's cookie, if any): what the browser holds. */
  start(user: string, body?: unknown, cookie?: string): Promise<Started>
  exchange(user: string | undefined, body: unknown, cookie?: string): Promise<Response>
  /** Starts, walks the sandbox's Connect pages as `login`, and exchanges: a whole flow. */
  connect(user: string, options?: ConnectOptions): Promise<Connection>
  /**
   * Starts, then exchanges a code the sandbox issues as if `username` finished Connect (no page
   * walked): a quick flow for tests about the exchange and the connections.
   */
  connectWithCode(user: string, options?: Omit<ConnectOptions, 'utility'>): Promise<Connection>
  /** `GET /connections` as `user`. */
  list(user: string): Promise<Connection[]>
  /** The sandbox's calls at this method and path prefix so far (e.g. `POST /auth/token`). */
  upstreamCalls(method: string, path: string): number
}

export interface ConnectOptions {
  /** The utility login to sign in with. Default `user@pelm.com`. */
  username?: string
  /** Slug of the utility to pick. Default `pge`. */
  utility?: string
  /** The `POST /connect-token` body, e.g. `{ connectionId }` to reconnect. */
  body?: Record<string, unknown>
  /** The browser's cookies (its binding). Default: none before, the one it is given after. */
  cookie?: string
}

export interface RequestOptions {
  /** The signed-in user (the fake session cookie); none when absent. */
  user?: string
  /** More cookies, e.g. `pelm_binding=…`. */
  cookie?: string
  /** An object is sent as JSON; a string as is. */
  body?: unknown
  headers?: Record<string, string>
  /** The `Origin` header: the app's own by default; `null` sends none. */
  origin?: string | null
}

export interface HarnessOptions {
  /** The app's origin. Default `APP`. */
  origin?: string
  /** The `session` cookie values that name a user; any other is signed out. Default: any. */
  sessionUser?: RegExp
}

/**
 * A real Hono app with `pelmRoutes` mounted at `/api/pelm`, wired to an in-process sandbox. The
 * app's "session" is a `session` cookie naming the user, read by a middleware, as an app's auth
 * would do; `getUserId` reads the variable it sets. `options` move the app to another origin and
 * restrict which session cookies name a user.
 */
export function harness(
  overrides: Partial<PelmRoutesOptions<Env>> = {},
  mock = createPelmMock(),
  options: HarnessOptions = {},
): Harness {
  const origin = options.origin ?? APP
  const redirectUri = overrides.redirectUri ?? `${origin}/pelm/callback`
  const connectionStore = overrides.connectionStore ?? memoryConnectionStore()
  const events: PelmLogEvent[] = []
  const connected: ConnectedEvent[] = []
  const disconnected: DisconnectedEvent[] = []
  const responses: Harness['responses'] = []
  const app = new Hono<Env>()
  app.use(async (c, next) => {
    const user = getCookie(c, 'session')
    const signedIn = !options.sessionUser || (user !== undefined && options.sessionUser.test(user))
    c.set('userId', signedIn ? user : undefined)
    await next()
  })
  app.route(
    '/api/pelm',
    pelmRoutes<Env>({
      clientId: mock.credentials.clientId,
      secret: mock.credentials.secret,
      apiUrl: mock.apiUrl,
      connectUrl: mock.connectUrl,
      fetch: mock.fetch,
      redirectUri,
      cookieSecret: COOKIE_SECRET,
      getUserId: (c) => c.get('userId'),
      connectionStore,
      logger: (event) => events.push(event),
      onConnected: (_c, event) => void connected.push(event),
      onDisconnected: (_c, event) => void disconnected.push(event),
      retry: { baseDelayMs: 1, maxDelayMs: 2 },
      // Tests of other behaviour make more requests per user than the default limits allow.
      rateLimits: false,
      ...overrides,
    }),
  )

  async function send(request: Request) {
    const response = await app.fetch(request)
    const copy = response.clone()
    responses.push({
      status: copy.status,
      headers: JSON.stringify([...copy.headers]),
      body: await copy.text(),
    })
    return response
  }

  function request(method: string, path: string, init: RequestOptions = {}) {
    const cookies = [init.user && `session=${init.user}`, init.cookie].filter(Boolean).join('; ')
    const headers: Record<string, string> = {
      ...(init.origin !== null && { origin: init.origin ?? origin }),
      ...(cookies && { cookie: cookies }),
      ...(init.body !== undefined && { 'content-type': 'application/json' }),
      ...init.headers,
    }
    const body =
      init.body === undefined
        ? undefined
        : typeof init.body === 'string'
          ? init.body
          : JSON.stringify(init.body)
    return send(new Request(`${origin}/api/pelm${path}`, { method, headers, body }))
  }

  async function start(user: string, body: unknown = {}, cookie?: string): Promise<Started> {
    const response = await request('POST', '/connect-token', { user, body, cookie })
    expect(response.status).toBe(200)
    const { connectUrl } = (await response.clone().json()) as { connectUrl: string }
    const url = new URL(connectUrl)
    const token = mock.store.findConnectToken(url.searchParams.get('connect_token') ?? '')
    return {
      state: url.searchParams.get('state') ?? '',
      cookie: bindingCookie(response) || cookie || '',
      connectUrl: url,
      pelmUserId: token?.userId ?? '',
      response,
    }
  }

  const exchange = (user: string | undefined, body: unknown, cookie?: string) =>
    request('POST', '/exchange', { user, body, cookie })

  async function exchanged(user: string, body: unknown, cookie: string): Promise<Connection> {
    const response = await exchange(user, body, cookie)
    expect(response.status, await response.clone().text()).toBe(200)
    return ((await response.json()) as ExchangeResponse).connection
  }

  return {
    app,
    mock,
    origin,
    redirectUri,
    connectionStore,
    events,
    connected,
    disconnected,
    responses,
    send,
    request,
    start,
    exchange,
    async connect(user, connectOptions = {}) {
      const started = await start(user, connectOptions.body ?? {}, connectOptions.cookie)
      const back = await completeConnect(started.connectUrl.toString(), {
        fetch: mock.fetch,
        utility: connectOptions.utility ?? 'pge',
        login: { username: connectOptions.username ?? 'user@pelm.com' },
      })
      const body = { code: back.searchParams.get('code'), state: back.searchParams.get('state') }
      return exchanged(user, body, started.cookie)
    },
    async connectWithCode(user, connectOptions = {}) {
      const started = await start(user, connectOptions.body ?? {}, connectOptions.cookie)
      const code = codeFor(mock, started.connectUrl, connectOptions.username)
      return exchanged(user, { code, state: started.state }, started.cookie)
    },
    async list(user) {
      const response = await request('GET', '/connections', { user })
      expect(response.status, await response.clone().text()).toBe(200)
      return ((await response.json()) as { connections: Connection[] }).connections
    },
    upstreamCalls: (method, path) =>
      mock.requests.filter((entry) => entry.method === method && entry.path.startsWith(path))
        .length,
  }
}

/** `pelm_binding=<value>` from a response's Set-Cookie, as a browser would send it back. */
export function bindingCookie(response: Response, name = BINDING_COOKIE): string {
  const header = response.headers.getSetCookie().find((cookie) => cookie.startsWith(`${name}=`))
  return header?.split(';')[0] ?? ''
}

/**
 * A code the sandbox hands back for the connect token of `connectUrl`, as if the person finished
 * Connect there (no page walked): for tests about the exchange, not about Connect.
 */
export function codeFor(mock: PelmMock, connectUrl: URL, username?: string): string {
  const token = connectUrl.searchParams.get('connect_token') ?? ''
  const record = mock.store.findConnectToken(token)
  if (!record) throw new Error('the sandbox does not know this connect token')
  return mock.store.issueCode(record.userId, record.utility ?? pge, username).code
}

export async function errorOf(response: Response) {
  return (
    (await response.json()) as { error: { code: string; message: string; upstreamCode?: string } }
  ).error
}
