import { QueryClient, QueryClientProvider } from '@tanstack/react-query'
import type { ReactNode } from 'react'
import { type Mock, vi } from 'vitest'
import { PelmProvider } from '../src/PelmProvider'
import type { Connection } from '../src/wire'

export const json = (body: unknown, status = 200) =>
  new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } })

export const THIRTY_MINUTES = 30 * 60_000

/** A `POST /connect-token` answer: the URL, usable for `lifetimeMs` from now. */
export const connectUrlAnswer = (connectUrl: string, lifetimeMs = THIRTY_MINUTES) =>
  json({
    connectUrl,
    expiresAt: new Date(Date.now() + lifetimeMs).toISOString(),
    expiresIn: lifetimeMs / 1000,
  })

/** A connection as `GET /connections` and `POST /exchange` answer it. */
export const connection = (id: string, extra: Partial<Connection> = {}): Connection => ({
  id,
  connectedAt: '2026-01-02T03:04:05Z',
  utility: { slug: 'pge', name: 'Pacific Gas & Electric' },
  status: 'active',
  ...extra,
})

/** A promise to answer a request later: the test decides when (and with what) it is answered. */
export function held() {
  let answer: (response: Response) => void = () => {}
  const response = new Promise<Response>((resolve) => {
    answer = resolve
  })
  return { response, answer }
}

type Route = (body: unknown, id?: string) => Response | Promise<Response>

export interface FakeServer {
  fetch: Mock<typeof globalThis.fetch>
  routes: Record<string, Route>
  /** The JSON bodies sent to one route, e.g. `calls('POST /api/pelm/exchange')`. */
  calls: (route: string) => unknown[]
}

/**
 * A fake of the app's Pelm routes, in the shape of the HTTP contract: each connect-token call
 * answers a new URL (`…token=1`, `…token=2`) valid for 30 minutes; an exchange answers connection
 * `c1`; the list is empty. `DELETE /api/pelm/connections/:id` receives the decoded id. Override a
 * route to fail or to hold its answer.
 */
export function fakeServer(overrides: Record<string, Route> = {}): FakeServer {
  let tokens = 0
  const routes: Record<string, Route> = {
    'POST /api/pelm/connect-token': () =>
      connectUrlAnswer(`https://connect.pelm.test/?connect_token=${++tokens}`),
    'POST /api/pelm/exchange': () => json({ connected: true, connection: connection('c1') }),
    'GET /api/pelm/connections': () => json({ connections: [] }),
    'DELETE /api/pelm/connections/:id': () => new Response(null, { status: 204 }),
    ...overrides,
  }
  const fetch = vi.fn<typeof globalThis.fetch>(async (input, init = {}) => {
    const route = `${init.method ?? 'GET'} ${input}`
    const body = init.body ? JSON.parse(init.body as string) : undefined
    const exact = routes[route]
    if (exact) return exact(body)
    const [, base, id] = route.match(/^(.*\/connections)\/([^/]+)$/) ?? []
    const withId = base && id ? routes[`${base}/:id`] : undefined
    if (withId && id) return withId(body, decodeURIComponent(id))
    throw new Error(`unexpected request ${route}`)
  })
  const calls = (route: string) =>
    fetch.mock.calls
      .filter(([input, init]) => `${init?.method ?? 'GET'} ${input}` === route)
      .map(([, init]) => (init?.body ? JSON.parse(init.body as string) : undefined))
  return { fetch, routes, calls }
}

/**
 * A QueryClient plus the providers the hooks need, with the fake server's `fetch`. No retries, as
 * react-query advises for tests: the hooks follow the app's QueryClient retry policy.
 */
export function providers(
  fetch: typeof globalThis.fetch,
  client = new QueryClient({ defaultOptions: { queries: { retry: false } } }),
  basePath?: string,
) {
  const wrapper = ({ children }: { children?: ReactNode }) => (
    <QueryClientProvider client={client}>
      <PelmProvider fetch={fetch} basePath={basePath}>
        {children}
      </PelmProvider>
    </QueryClientProvider>
  )
  return { client, wrapper }
}

export interface FakePopup {
  closed: boolean
  location: { href: string }
  close: Mock<() => void>
  focus: Mock<() => void>
}

/** A stand-in for the window `window.open` returns. */
export function fakePopup(): FakePopup {
  const popup: FakePopup = {
    closed: false,
    location: { href: '' },
    close: vi.fn(() => {
      popup.closed = true
    }),
    focus: vi.fn(),
  }
  return popup
}

/**
 * `window.open` as browsers implement window names: a second `open` with the same name (not
 * `_blank`) returns the window already open under it. Returns the spy and every window made.
 */
export function browserLikeOpen() {
  const named = new Map<string, FakePopup>()
  const windows: FakePopup[] = []
  const open = vi.spyOn(window, 'open').mockImplementation((_url, target = '_blank') => {
    const name = String(target)
    const existing = name === '_blank' ? undefined : named.get(name)
    if (existing && !existing.closed) return existing as unknown as Window
    const popup = fakePopup()
    windows.push(popup)
    if (name !== '_blank') named.set(name, popup)
    return popup as unknown as Window
  })
  return { open, windows }
}

/** Posts a message to this window as a popup would. */
export function postFrom(source: unknown, data: unknown, origin = location.origin) {
  window.dispatchEvent(new MessageEvent('message', { data, origin, source: source as Window }))
}
