import { QueryClient, QueryClientProvider } from '@tanstack/react-query'
import type { ReactNode } from 'react'
import { type Mock, vi } from 'vitest'
import { PelmProvider } from '../src/PelmProvider'

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

type Route = (body: unknown) => Response | Promise<Response>

export interface FakeServer {
  fetch: Mock<typeof globalThis.fetch>
  routes: Record<string, Route>
  /** The JSON bodies sent to one route, e.g. `calls('POST /api/pelm/exchange')`. */
  calls: (route: string) => unknown[]
}

/**
 * A fake of the app's Pelm routes, in the shape of the HTTP contract: each connect-token call
 * answers a new URL (`…token=1`, `…token=2`) valid for 30 minutes. Override a route to fail.
 */
export function fakeServer(overrides: Record<string, Route> = {}): FakeServer {
  let tokens = 0
  const routes: Record<string, Route> = {
    'POST /api/pelm/connect-token': () =>
      connectUrlAnswer(`https://connect.pelm.test/?connect_token=${++tokens}`),
    'POST /api/pelm/exchange': () => json({ connected: true }),
    'GET /api/pelm/connection': () => json({ connected: false }),
    'DELETE /api/pelm/connection': () => new Response(null, { status: 204 }),
    ...overrides,
  }
  const fetch = vi.fn<typeof globalThis.fetch>(async (input, init = {}) => {
    const route = routes[`${init.method ?? 'GET'} ${input}`]
    if (!route) throw new Error(`unexpected request ${init.method} ${input}`)
    return route(init.body ? JSON.parse(init.body as string) : undefined)
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
) {
  const wrapper = ({ children }: { children?: ReactNode }) => (
    <QueryClientProvider client={client}>
      <PelmProvider fetch={fetch}>{children}</PelmProvider>
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
