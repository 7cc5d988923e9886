// The app server's Pelm routes (the HTTP contract of @acme/pelm-server's `pelmRoutes`), faked
// with msw. Stories pick answers per route through `parameters.msw.handlers`; play functions read
// what the fake received through `received`.
import type {
  Connection,
  ConnectionStatus,
  ConnectionsResponse,
  ConnectTokenRequest,
  ExchangeRequest,
  ExchangeResponse,
} from '@acme/pelm-react'
import { delay, type HttpHandler, HttpResponse, http } from 'msw'

export const BASE_PATH = '/api/pelm'
/** Pelm's hosted Connect, as `buildConnectUrl` builds it. Stories never load it. */
export const CONNECT_ORIGIN = 'https://connect.pelm.com'
const THIRTY_MINUTES = 30 * 60_000
/** `connectedAt` of connections made in a story: a fixed date, so stories read the same each day. */
const FIXED_NOW = '2026-06-01T12:00:00Z'

export interface ReceivedRequest {
  /** `METHOD /path`, e.g. `POST /api/pelm/exchange`. */
  route: string
  body: unknown
  headers: Record<string, string>
}

interface ServerState {
  requests: ReceivedRequest[]
  tokens: number
  /** What each issued state was for: every one stays valid until used once, as on the server. */
  issued: Map<string, { utilitySlug: string; connectionId?: string }>
  usedStates: Set<string>
  connections: Connection[]
}

const fresh = (connections: readonly Connection[]): ServerState => ({
  requests: [],
  tokens: 0,
  issued: new Map(),
  usedStates: new Set(),
  connections: [...connections],
})
let state = fresh([])
const listeners = new Set<() => void>()

/** Utilities the fake knows by slug, named as the server would name them. */
export const UTILITY_NAMES: Record<string, string> = {
  pge: 'Pacific Gas & Electric',
  sce: 'Southern California Edison',
  sdge: 'San Diego Gas & Electric',
}

/** A connection as `GET /connections` lists it; `status` defaults to `active`. */
export function connectionOf(
  id: string,
  slug: string,
  status: ConnectionStatus = 'active',
  connectedAt = '2026-03-14T09:26:53Z',
): Connection {
  const name = Object.hasOwn(UTILITY_NAMES, slug) ? UTILITY_NAMES[slug] : slug
  return { id, connectedAt, utility: { slug, name }, status }
}

/** Fixtures for `parameters.pelm.connections`. */
export const CONNECTIONS = {
  pge: connectionOf('conn_pge', 'pge'),
  sce: connectionOf('conn_sce', 'sce', 'active', '2026-04-02T17:05:00Z'),
  sceNeedsReconnect: connectionOf('conn_sce', 'sce', 'reconnect_required', '2026-04-02T17:05:00Z'),
  sdgeUnknown: connectionOf('conn_sdge', 'sdge', 'unknown', '2026-05-20T08:00:00Z'),
} satisfies Record<string, Connection>

/** Starts a story with an empty log and the user's connections (none unless given). */
export function resetFakeServer({
  connections = [],
}: {
  connections?: readonly Connection[]
} = {}) {
  state = fresh(connections)
  for (const listener of listeners) listener()
}

/** What the fake server received since the story started. */
export const received = {
  all: (): readonly ReceivedRequest[] => state.requests,
  /** The user's connections as the fake server holds them now. */
  connections: (): readonly Connection[] => state.connections,
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

/**
 * `POST /connect-token` → `{ connectUrl, expiresAt, expiresIn }`; `expiresInMs` defaults to 29
 * minutes. With a `connectionId` of one of the user's connections: a reconnect (update mode);
 * any other id: `404 connection_not_found`.
 */
export const issueConnectUrl =
  ({ expiresInMs = THIRTY_MINUTES - 60_000 } = {}): Resolver =>
  (body) => {
    const { utilitySlug, connectionId } = (body ?? {}) as ConnectTokenRequest
    const reconnecting = state.connections.find((c) => c.id === connectionId)
    if (connectionId !== undefined && !reconnecting) {
      return errorAnswer(404, 'connection_not_found', 'No such connection')
    }
    state.tokens += 1
    state.issued.set(`st_${state.tokens}`, {
      utilitySlug: reconnecting?.utility?.slug ?? utilitySlug ?? 'pge',
      connectionId,
    })
    return HttpResponse.json({
      connectUrl: connectUrlFor(state.tokens),
      expiresAt: new Date(Date.now() + expiresInMs).toISOString(),
      expiresIn: expiresInMs / 1000,
    })
  }

/** What a state was issued for, as the hosted Connect page shows it (create or update mode). */
export const issuedFor = (oauthState: string) => state.issued.get(oauthState)

/** The utility the person picked on Connect's utility selection screen (create mode). */
export function chooseUtility(oauthState: string, utilitySlug: string): void {
  const issued = state.issued.get(oauthState)
  if (issued && !issued.connectionId) state.issued.set(oauthState, { ...issued, utilitySlug })
}

/**
 * `POST /exchange` → `{ connected: true, connection }`, once per state (a replay is `409
 * state_used`, an unknown state `403 state_mismatch`). A reconnect renews its connection; anything
 * else adds one.
 */
export const exchangeCode: Resolver = (body) => {
  const { code, state: oauthState } = (body ?? {}) as Partial<ExchangeRequest>
  if (!code || !oauthState) return errorAnswer(400, 'state_missing', 'Start again')
  if (state.usedStates.has(oauthState)) {
    return errorAnswer(409, 'state_used', 'This callback was already used')
  }
  const issued = state.issued.get(oauthState)
  if (!issued) return errorAnswer(403, 'state_mismatch', 'This callback belongs to another browser')
  state.usedStates.add(oauthState)
  const renewed = state.connections.find((c) => c.id === issued.connectionId)
  const connection: Connection = renewed
    ? { ...renewed, status: 'active' }
    : connectionOf(`conn_${oauthState.slice(3)}`, issued.utilitySlug, 'active', FIXED_NOW)
  state.connections = renewed
    ? state.connections.map((c) => (c.id === renewed.id ? connection : c))
    : [...state.connections, connection]
  return HttpResponse.json({ connected: true, connection } satisfies ExchangeResponse)
}

/** `GET /connections` → `{ connections }` as the story's fake user stands. */
export const listConnections: Resolver = () =>
  HttpResponse.json({ connections: state.connections } satisfies ConnectionsResponse)

/** `DELETE /connections/:id` → 204, or `404 connection_not_found`. */
export const deleteConnection: Resolver = (_, request) => {
  const id = decodeURIComponent(new URL(request.url).pathname.split('/').pop() ?? '')
  if (!state.connections.some((c) => c.id === id)) {
    return errorAnswer(404, 'connection_not_found', 'No such connection')
  }
  state.connections = state.connections.filter((c) => c.id !== id)
  return new Response(null, { status: 204 })
}

/** The four routes, answering as a healthy server does. Override one key per story. */
export function pelmHandlers(basePath = BASE_PATH): Record<string, HttpHandler> {
  return {
    connectToken: route('post', '/connect-token', issueConnectUrl(), basePath),
    exchange: route('post', '/exchange', exchangeCode, basePath),
    connections: route('get', '/connections', listConnections, basePath),
    disconnect: route('delete', '/connections/:id', deleteConnection, basePath),
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
