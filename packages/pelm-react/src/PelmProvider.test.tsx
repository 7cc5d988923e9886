import { QueryClient, QueryClientProvider } from '@tanstack/react-query'
import { renderHook, waitFor } from '@testing-library/react'
import type { ReactNode } from 'react'
import { describe, expect, test, vi } from 'vitest'
import { json } from '../test/fake-server'
import { PelmProvider } from './PelmProvider'
import { useConnections } from './useConnections'

describe('PelmProvider', () => {
  test('sets the base path, the fetch and extra headers of every request', async () => {
    const fetch = vi.fn(async () => json({ connections: [] }))
    const wrapper = ({ children }: { children?: ReactNode }) => (
      <QueryClientProvider client={new QueryClient()}>
        <PelmProvider basePath="/internal/pelm" fetch={fetch} headers={{ 'x-csrf-token': 'abc' }}>
          {children}
        </PelmProvider>
      </QueryClientProvider>
    )
    const { result } = renderHook(() => useConnections(), { wrapper })
    await waitFor(() => expect(result.current.isSuccess).toBe(true))
    expect(fetch).toHaveBeenCalledWith('/internal/pelm/connections', {
      method: undefined,
      headers: { 'content-type': 'application/json', 'x-csrf-token': 'abc' },
      body: undefined,
    })
  })

  test('is optional: without it the hooks call /api/pelm with the global fetch', async () => {
    const fetch = vi.spyOn(globalThis, 'fetch').mockResolvedValue(json({ connections: [] }))
    const wrapper = ({ children }: { children?: ReactNode }) => (
      <QueryClientProvider client={new QueryClient()}>{children}</QueryClientProvider>
    )
    const { result } = renderHook(() => useConnections(), { wrapper })
    await waitFor(() => expect(result.current.isSuccess).toBe(true))
    expect(fetch).toHaveBeenCalledWith('/api/pelm/connections', expect.anything())
    fetch.mockRestore()
  })

  test('the hooks need a QueryClientProvider and say how to add one', () => {
    vi.spyOn(console, 'error').mockImplementation(() => {})
    // react-query's own message, from the useQueryClient the hooks call
    expect(() => renderHook(() => useConnections())).toThrow(
      'No QueryClient set, use QueryClientProvider to set one',
    )
    vi.restoreAllMocks()
  })
})
