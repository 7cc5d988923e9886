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
  tokenStore: TokenStore
  events: PelmLogEvent[]
  connected: { userId: string }[]
  /** Every answer the app gave, to check none carries a secret. */
  responses: { status: number; headers: string; body: string }[]
  request(method: string, path: string, init?: RequestOptions): Promise<Response>
  /** `POST /connect-token` as `user`: the state and cookie a browser would hold. */
  start(
    user: string,
    body?: unknown,
  ): Promise<{ state: string; cookie: string; connectUrl: URL; response: Response }>
  exchange(user: string | undefined, body: unknown, cookie?: string): Promise<Response>
  /** The sandbox's `/auth/token` calls so far. */
  tokenCalls(): number
}

export interface RequestOptions {
  user?: string
  cookie?: string
  body?: unknown
  headers?: Record<string, string>
  origin?: string | null
}

/**
 * A real Hono app with `pelmRoutes` mounted at `/api/pelm`, wired to an in-process sandbox. The
 * app's "session" is a `session` cookie naming the user, read by a middleware, as an app's auth
 * would do; `getUserId` reads the variable it sets.
 */
export function harness(
  overrides: Partial<PelmRoutesOptions<Env>> = {},
  mock = createPelmMock(),
): Harness {
  const tokenStore = overrides.tokenStore ?? memoryTokenStore()
  const events: PelmLogEvent[] = []
  const connected: { userId: string }[] = []
  const responses: Harness['responses'] = []
  const app = new Hono<Env>()
  app.use(async (c, next) => {
    c.set('userId', getCookie(c, 'session'))
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
      redirectUri: REDIRECT_URI,
      cookieSecret: COOKIE_SECRET,
      getUserId: (c) => c.get('userId'),
      tokenStore,
      logger: (event) => events.push(event),
      onConnected: (_c, event) => void connected.push(event),
      retry: { baseDelayMs: 1, maxDelayMs: 2 },
      ...overrides,
    }),
  )

  async function request(method: string, path: string, init: RequestOptions = {}) {
    const cookies = [init.user && `session=${init.user}`, init.cookie].filter(Boolean).join('; ')
    const headers: Record<string, string> = {
      ...(init.origin !== null && { origin: init.origin ?? APP }),
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
    const response = await app.request(`${APP}/api/pelm${path}`, { method, headers, body })
    const copy = response.clone()
    responses.push({
      status: copy.status,
      headers: JSON.stringify([...copy.headers]),
      body: await copy.text(),
    })
    return response
  }

  return {
    app,
    mock,
    tokenStore,
    events,
    connected,
    responses,
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
    tokenCalls: () => mock.requests.filter((entry) => entry.path === '/auth/token').length,
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
