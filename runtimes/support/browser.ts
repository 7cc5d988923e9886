import type {
  ConnectionsResponse,
  ConnectTokenRequest,
  ConnectTokenResponse,
  ExchangeResponse,
} from '@acme/pelm-server/hono'

/** Sends a request to the app under test: a real server's origin, or a handler in this process. */
export type AppFetch = (path: string, init: RequestInit) => Promise<Response>

/**
 * The app at `origin`, called as a page of that origin would call it: unsafe methods carry
 * `Origin: <origin>` unless the caller sets one. `send` is the network (`fetch`) by default, or
 * a handler in this process.
 */
export function sameOriginApp(
  origin: string,
  send: (request: Request) => Promise<Response> = fetch,
): AppFetch {
  return (path, init) => {
    const headers = new Headers(init.headers)
    const method = init.method ?? 'GET'
    if (method !== 'GET' && !headers.has('origin')) headers.set('origin', origin)
    return send(new Request(`${origin}${path}`, { ...init, headers, redirect: 'manual' }))
  }
}

export interface ApiResult<T = unknown> {
  status: number
  body: T
  /** `error.code` of an error answer. */
  errorCode: string | undefined
  response: Response
}

/** The name of the cookie that binds states to a browser (`pelmRoutes`' default). */
export const BINDING_COOKIE = 'pelm_binding'

/** A browser's cookie for the app: the binding cookie, kept by hand. */
export interface CookieJar {
  binding?: string | undefined
}

/** Keeps the binding cookie of a response in `jar`, as a browser would (or forgets it when cleared). */
function keepCookie(jar: CookieJar, response: Response): void {
  for (const header of response.headers.getSetCookie()) {
    const [pair = '', ...attributes] = header.split(';')
    if (!pair.startsWith(`${BINDING_COOKIE}=`)) continue
    const cleared =
      pair === `${BINDING_COOKIE}=` || attributes.some((a) => /max-age=0/i.test(a.trim()))
    jar.binding = cleared ? undefined : pair.trim()
  }
}

function errorCodeOf(body: unknown): string | undefined {
  if (typeof body !== 'object' || body === null || !('error' in body)) return undefined
  const { error } = body
  return typeof error === 'object' && error !== null && 'code' in error
    ? String(error.code)
    : undefined
}

/**
 * One user's browser on the app: requests to `/api/pelm` with the demo `x-demo-user` header the
 * examples read, and the binding cookie kept in `jar` as a browser would keep it. Two handles over
 * one jar are one browser whose requests a load balancer sends to two instances.
 */
export function browser(app: AppFetch, user: string, jar: CookieJar = {}) {
  async function call<T>(
    method: string,
    path: string,
    body?: unknown,
    headers: Record<string, string> = {},
  ): Promise<ApiResult<T>> {
    const response = await app(`/api/pelm${path}`, {
      method,
      headers: {
        ...headers,
        'x-demo-user': user,
        ...(body !== undefined && { 'content-type': 'application/json' }),
        ...(jar.binding && { cookie: jar.binding }),
      },
      body: body === undefined ? undefined : JSON.stringify(body),
    })
    keepCookie(jar, response)
    const text = await response.text()
    const parsed: unknown = text ? JSON.parse(text) : undefined
    // The test reads the body as the route's wire type; the assertions check it.
    return { status: response.status, body: parsed as T, errorCode: errorCodeOf(parsed), response }
  }

  return {
    jar,
    connectToken: (request: ConnectTokenRequest = {}) =>
      call<ConnectTokenResponse>('POST', '/connect-token', request),
    exchange: (code: string, state: string) =>
      call<ExchangeResponse>('POST', '/exchange', { code, state }),
    connections: () => call<ConnectionsResponse>('GET', '/connections'),
    disconnect: (connectionId: string) =>
      call('DELETE', `/connections/${encodeURIComponent(connectionId)}`),
    call,
  }
}

/** `code` and `state` from a hand-back URL. */
export function handBack(url: URL): { code: string; state: string } {
  const code = url.searchParams.get('code')
  const state = url.searchParams.get('state')
  if (!code || !state) throw new Error(`No code and state in the hand-back ${url.href}`)
  return { code, state }
}
