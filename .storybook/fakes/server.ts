// The app server's Pelm routes (the HTTP contract of @acme/pelm-server's `pelmRoutes`), faked
// with msw. Stories pick answers per route through `parameters.msw.handlers`; play functions read
// what the fake received through `received`.
import { delay, type HttpHandler, HttpResponse, http } from 'msw'

export const BASE_PATH = '/api/pelm'
/** Pelm's hosted Connect, as `buildConnectUrl` builds it. Stories never load it. */
export const CONNECT_ORIGIN = 'https://connect.pelm.com'
const THIRTY_MINUTES = 30 * 60_000

export interface ReceivedRequest {
  /** `METHOD /path`, e.g. `POST /api/pelm/exchange`. */
  route: string
  body: unknown
  headers: Record<string, string>
}

interface ServerState {
  requests: ReceivedRequest[]
  tokens: number
  connected: boolean
  utilitySlug: string | undefined
  usedCodes: Set<string>
}

const fresh = (connected: boolean): ServerState => ({
  requests: [],
  tokens: 0,
  connected,
  utilitySlug: connected ? 'pge' : undefined,
  usedCodes: new Set(),
})
let state = fresh(false)
const listeners = new Set<() => void>()

/** Starts a story with an empty log and, when asked, a user who is already connected. */
export function resetFakeServer({ connected = false } = {}): void {
  state = fresh(connected)
  for (const listener of listeners) listener()
}

/** What the fake server received since the story started. */
export const received = {
  all: (): readonly ReceivedRequest[] => state.requests,
  /** The JSON bodies sent to one route, oldest first, e.g. `bodies('POST /api/pelm/exchange')`. */
  bodies: (route: string): unknown[] =>
    state.requests.filter((r) => r.route === route).map((r) => r.body),
  headers: (route: string): Record<string, string>[] =>
    state.requests.filter((r) => r.route === route).map((r) => r.headers),
  subscribe(listener: () => void): () => void {
    listeners.add(listener)
    return () => listeners.delete(listener)
  },
}

type Method = 'get' | 'post' | 'delete'
type Resolver = (body: unknown, request: Request) => Response | Promise<Response>

/** An msw handler for `{basePath}{path}` that logs each request before answering it. */
export function route(method: Method, path: string, answer: Resolver, basePath = BASE_PATH) {
  return http[method](basePath + path, async ({ request }) => {
    const body = await request
      .clone()
      .json()
      .catch(() => undefined)
    state.requests = [
      ...state.requests,
      {
        route: `${request.method} ${new URL(request.url).pathname}`,
        body,
        headers: Object.fromEntries(request.headers),
      },
    ]
    for (const listener of listeners) listener()
    return answer(body, request)
  })
}

/** The server's error shape: `{ error: { code, message } }` with a fitting status. */
export const errorAnswer = (status: number, code: string, message: string) =>
  HttpResponse.json({ error: { code, message } }, { status })

/** Never answers: the request stays pending for as long as the story is open. */
export const hang: Resolver = async () => {
  await delay('infinite')
  return new Response(null, { status: 204 })
}

/** A connect URL the way the server builds it, numbered per story: `connect_token=ct_1`, … */
export function connectUrlFor(token: number): string {
  const url = new URL(CONNECT_ORIGIN)
  url.searchParams.set('redirect_uri', `${location.origin}/pelm/callback`)
  url.searchParams.set('connect_token', `ct_${token}`)
  url.searchParams.set('state', `st_${token}`)
  return url.href
}

/** `POST /connect-token` → `{ connectUrl, expiresAt, expiresIn }`; `expiresInMs` defaults to 29 minutes. */
export const issueConnectUrl =
  ({ expiresInMs = THIRTY_MINUTES - 60_000 } = {}): Resolver =>
  (body) => {
    state.tokens += 1
    state.utilitySlug = (body as { utilitySlug?: string } | undefined)?.utilitySlug ?? 'pge'
    return HttpResponse.json({
      connectUrl: connectUrlFor(state.tokens),
      expiresAt: new Date(Date.now() + expiresInMs).toISOString(),
      expiresIn: expiresInMs / 1000,
    })
  }

/** `POST /exchange` → `{ connected: true }`, once per code (a replay is `409 state_used`). */
export const exchangeCode: Resolver = (body) => {
  const { code, state: oauthState } = (body ?? {}) as { code?: string; state?: string }
  if (!code || !oauthState) return errorAnswer(400, 'state_missing', 'Start again')
  if (state.usedCodes.has(code)) {
    return errorAnswer(409, 'state_used', 'This callback was already used')
  }
  state.usedCodes.add(code)
  state.connected = true
  return HttpResponse.json({ connected: true })
}

/** `GET /connection` → `{ connected }` as the story's fake user stands. */
export const readConnection: Resolver = () =>
  HttpResponse.json(
    state.connected
      ? {
          connected: true,
          connectedAt: '2026-03-14T09:26:53Z',
          utility: { slug: state.utilitySlug ?? 'pge' },
        }
      : { connected: false },
  )

/** `DELETE /connection` → 204. */
export const forgetConnection: Resolver = () => {
  state.connected = false
  return new Response(null, { status: 204 })
}

/** The four routes, answering as a healthy server does. Override one key per story. */
export function pelmHandlers(basePath = BASE_PATH): Record<string, HttpHandler> {
  return {
    connectToken: route('post', '/connect-token', issueConnectUrl(), basePath),
    exchange: route('post', '/exchange', exchangeCode, basePath),
    connection: route('get', '/connection', readConnection, basePath),
    disconnect: route('delete', '/connection', forgetConnection, basePath),
  }
}

/** Answers the n-th call to its route with the n-th resolver; the last one answers the rest. */
export const answers =
  (...resolvers: [Resolver, ...Resolver[]]): Resolver =>
  (body, request) => {
    const route = `${request.method} ${new URL(request.url).pathname}`
    const n = state.requests.filter((r) => r.route === route).length // this call included
    const resolver = resolvers[Math.min(n, resolvers.length) - 1] ?? resolvers[0]
    return resolver(body, request)
  }
