// @vitest-environment happy-dom
import { PelmProvider, useConnections } from '@acme/pelm-react'
import { QueryClient, QueryClientProvider } from '@tanstack/react-query'
import { act, cleanup, renderHook, waitFor } from '@testing-library/react'
import type { ReactNode } from 'react'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { useSimulatePasswordChange } from './useSimulatePasswordChange'

afterEach(() => {
  cleanup()
  vi.unstubAllGlobals()
})

/** A fake demo server: the connections list and the sandbox control, each call recorded. */
function fakeServer() {
  const calls: string[] = []
  let status = 'active'
  vi.stubGlobal('fetch', async (path: string, init?: RequestInit) => {
    calls.push(`${init?.method ?? 'GET'} ${path}`)
    if (path.endsWith('/password-changed')) {
      status = 'reconnect_required'
      return new Response(null, { status: 204 })
    }
    const connection = { id: 'conn_1', connectedAt: '2026-01-01T00:00:00.000Z', status }
    return Response.json({ connections: [connection] })
  })
  return calls
}

function wrapper({ children }: { children: ReactNode }) {
  const client = new QueryClient({ defaultOptions: { queries: { retry: false } } })
  return (
    <QueryClientProvider client={client}>
      <PelmProvider>{children}</PelmProvider>
    </QueryClientProvider>
  )
}

describe('useSimulatePasswordChange', () => {
  it('reads nothing on its own: one per connection card adds no connections request', async () => {
    const calls = fakeServer()
    renderHook(() => [useSimulatePasswordChange(), useSimulatePasswordChange()], { wrapper })
    await new Promise((resolve) => setTimeout(resolve, 50))
    expect(calls).toEqual([])
  })

  it('has the page’s connections read again before it settles', async () => {
    const calls = fakeServer()
    const { result } = renderHook(
      () => ({ connections: useConnections(), simulate: useSimulatePasswordChange() }),
      { wrapper },
    )
    await waitFor(() => expect(result.current.connections.data?.[0]?.status).toBe('active'))
    await act(() => result.current.simulate.mutateAsync('conn_1'))
    expect(result.current.connections.data?.[0]?.status).toBe('reconnect_required')
    expect(calls).toEqual([
      'GET /api/pelm/connections',
      'POST /api/sandbox/connections/conn_1/password-changed',
      'GET /api/pelm/connections',
    ])
  })
})
