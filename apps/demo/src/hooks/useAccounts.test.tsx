// @vitest-environment happy-dom
import type { Connection } from '@acme/pelm-react'
import { QueryClient, QueryClientProvider } from '@tanstack/react-query'
import { cleanup, renderHook, waitFor } from '@testing-library/react'
import type { ReactNode } from 'react'
import { afterEach, describe, expect, it, vi } from 'vitest'
import type { ConnectionAccounts } from '../../shared/types'
import { DATA_LOADING_RETRY_MS, useAccounts } from './useAccounts'

afterEach(() => {
  cleanup()
  vi.unstubAllGlobals()
})

const connection = (id: string): Connection => ({
  id,
  connectedAt: '2026-01-01T00:00:00.000Z',
  status: 'active',
})
const ready = (connectionId: string): ConnectionAccounts => ({ connectionId, accounts: [] })
const stillLoading = (connectionId: string): ConnectionAccounts => ({
  connectionId,
  error: { code: 'data_loading', message: 'Pelm is still gathering the data.' },
})

function wrapper({ children }: { children: ReactNode }) {
  const client = new QueryClient({ defaultOptions: { queries: { retry: false } } })
  return <QueryClientProvider client={client}>{children}</QueryClientProvider>
}

describe('useAccounts', () => {
  it('asks again for the connection still loading alone, and keeps the others', async () => {
    const calls: string[] = []
    let loaded = false
    vi.stubGlobal('fetch', async (path: string) => {
      calls.push(path)
      const asked = new URL(path, 'http://localhost').searchParams.getAll('connection')
      const groups = [ready('a'), loaded ? ready('b') : stillLoading('b')]
      return Response.json({
        connections: groups.filter(
          (group) => asked.length === 0 || asked.includes(group.connectionId),
        ),
      })
    })
    const { result } = renderHook(() => useAccounts([connection('a'), connection('b')]), {
      wrapper,
    })
    await waitFor(() => expect(result.current.data?.get('b')).toEqual(stillLoading('b')))
    const first = result.current.data?.get('a')
    loaded = true
    await waitFor(() => expect(result.current.data?.get('b')).toEqual(ready('b')), {
      timeout: DATA_LOADING_RETRY_MS + 1_000,
    })
    expect(result.current.data?.get('a')).toBe(first)
    expect(calls).toEqual(['/api/accounts', '/api/accounts?connection=b'])
  })
})
