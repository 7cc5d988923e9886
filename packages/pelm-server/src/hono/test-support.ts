import { createPelmMock, type PelmMock } from '@acme/pelm-mock'
import { Hono } from 'hono'
import { getCookie } from 'hono/cookie'
import { expect } from 'vitest'
import { pge } from '../client/test-support'
import type { TokenStore } from '../token-store'
import { memoryTokenStore } from '../token-stores/memory'
import type { PelmLogEvent } from './logger'
import type { PelmRoutesOptions } from './options'
import { pelmRoutes } from './routes'

export const APP = 'http://app.localhost'
export const REDIRECT_URI = `${APP}/pelm/callback`
export const COOKIE_SECRET = 'test-cookie-secret-0123456789-abcdefghij'

type Env = { Variables: { userId: string | undefined } }

export interface Harness {
  app: Hono<Env>
  mock: PelmMock
  /** The app's origin; the redirect URI is `${origin}/pelm/callback`. */
  origin: string
  redirectUri: string
  tokenStore: TokenStore
  events: PelmLogEvent[]
  connected: { userId: string }[]
  /** Every answer the app gave, to check none carries a secret. */
  responses: { status: number; headers: string; body: string }[]
  /** Sends a request to the app as is (a browser or a script would); records the answer. */
  send(request: Request): Promise<Response>
  request(method: string, path: string, init?: RequestOptions): Promise<Response>
  /** `POST /connect-token` as `user`: the state and cookie a browser would hold. */
  start(
    user: string,
    body?: unknown,
  ): Promise<{ state: string; cookie: string; connectUrl: URL; response: Response }>
  exchange(user: string | undefined, body: unknown, cookie?: string): Promise<Response>
  /** The sandbox's `/auth/token` calls so far. */
  tokenCalls(): number
  /** How many requests reached the sandbox at this path (e.g. `/auth/connect-token`). */
  upstreamCalls(path: string): number
}

export interface RequestOptions {
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
  const redirectUri = `${origin}/pelm/callback`
  const tokenStore = overrides.tokenStore ?? memoryTokenStore()
  const events: PelmLogEvent[] = []
  const connected: { userId: string }[] = []
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
      tokenStore,
      logger: (event) => events.push(event),
      onConnected: (_c, event) => void connected.push(event),
      retry: { baseDelayMs: 1, maxDelayMs: 2 },
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

  const upstreamCalls = (path: string) =>
    mock.requests.filter((entry) => entry.path === path).length

  return {
    app,
    mock,
    origin,
    redirectUri,
    tokenStore,
    events,
    connected,
    responses,
    send,
    request,
    async start(user, body = {}) {
      const response = await request('POST', '/connect-token', { user, body })
      expect(response.status).toBe(200)
      const { connectUrl } = (await response.clone().json()) as { connectUrl: string }
      const url = new URL(connectUrl)
      return {
        state: url.searchParams.get('state') ?? '',
        cookie: stateCookie(response),
        connectUrl: url,
        response,
      }
    },
    exchange: (user, body, cookie) => request('POST', '/exchange', { user, body, cookie }),
    tokenCalls: () => upstreamCalls('/auth/token'),
    upstreamCalls,
  }
}

/** `pelm_state=<value>` from a response's Set-Cookie, as a browser would send it back. */
export function stateCookie(response: Response): string {
  const header = response.headers.getSetCookie().find((cookie) => cookie.startsWith('pelm_state='))
  return header?.split(';')[0] ?? ''
}

/** A code the sandbox hands back when `user` completes Connect. */
export const codeFor = (mock: PelmMock, user: string) => mock.store.issueCode(user, pge).code

export async function errorOf(response: Response) {
  return (
    (await response.json()) as { error: { code: string; message: string; upstreamCode?: string } }
  ).error
}
