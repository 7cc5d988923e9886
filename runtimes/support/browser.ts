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

/** A browser's cookie for the app: the state cookie, kept by hand. */
export interface CookieJar {
  stateCookie?: string | undefined
}

/**
 * One user's browser on the app: requests to `/api/pelm` with the demo `x-demo-user` header the
 * examples read, and the state cookie kept in `jar` as a browser would keep it. Two handles over
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
        ...(jar.stateCookie && { cookie: jar.stateCookie }),
      },
      body: body === undefined ? undefined : JSON.stringify(body),
    })
    for (const header of response.headers.getSetCookie()) {
      const [pair = '', ...attributes] = header.split(';')
      if (!pair.startsWith('pelm_state=')) continue
      const cleared = pair === 'pelm_state=' || attributes.some((a) => /max-age=0/i.test(a.trim()))
      jar.stateCookie = cleared ? undefined : pair.trim()
    }
    const text = await response.text()
    const parsed: unknown = text ? JSON.parse(text) : undefined
    const errorCode = (parsed as { error?: { code?: string } } | undefined)?.error?.code
    return { status: response.status, body: parsed as T, errorCode, response }
  }

  return {
    jar,
    connectToken: () =>
      call<{ connectUrl: string; expiresAt: string }>('POST', '/connect-token', {}),
    exchange: (code: string, state: string) =>
      call<{ connected: true }>('POST', '/exchange', { code, state }),
    connection: () => call<{ connected: boolean; connectedAt?: string }>('GET', '/connection'),
    disconnect: () => call('DELETE', '/connection'),
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
