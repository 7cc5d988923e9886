import { act, renderHook, waitFor } from '@testing-library/react'
import { describe, expect, test, vi } from 'vitest'
import { fakeServer, json, providers } from '../test/fake-server'
import { useConnection } from './useConnection'
import { useDisconnect } from './useDisconnect'

describe('useConnection', () => {
  test('reads GET /connection', async () => {
    const connection = {
      connected: true,
      connectedAt: '2026-01-02T03:04:05Z',
      utility: { slug: 'pge' },
    }
    const server = fakeServer({ 'GET /api/pelm/connection': () => json(connection) })
    const { wrapper } = providers(server.fetch)
    const { result } = renderHook(() => useConnection(), { wrapper })
    await waitFor(() => expect(result.current.data).toEqual(connection))
  })

  test('passes query options through', async () => {
    const server = fakeServer()
    const { wrapper } = providers(server.fetch)
    const { result } = renderHook(() => useConnection({ enabled: false }), { wrapper })
    expect(result.current.status).toBe('pending')
    expect(server.fetch).not.toHaveBeenCalled()
  })

  test('a non-JSON answer (an HTML page from a wrong basePath) is an invalid_response error', async () => {
    const server = fakeServer({
      'GET /api/pelm/connection': () => new Response('<!doctype html><title>App</title>'),
    })
    const { wrapper } = providers(server.fetch)
    const { result } = renderHook(() => useConnection({ retry: false }), { wrapper })
    await waitFor(() => expect(result.current.error).toMatchObject({ code: 'invalid_response' }))
  })

  test('errors are typed', async () => {
    const server = fakeServer({
      'GET /api/pelm/connection': () =>
        json({ error: { code: 'unauthenticated', message: 'Sign in' } }, 401),
    })
    const { wrapper } = providers(server.fetch)
    const { result } = renderHook(() => useConnection({ retry: false }), { wrapper })
    await waitFor(() =>
      expect(result.current.error).toMatchObject({ code: 'unauthenticated', status: 401 }),
    )
  })
})

describe('useDisconnect', () => {
  test('DELETEs the connection, then refreshes useConnection, then calls onSuccess', async () => {
    let connected = true
    const server = fakeServer({
      'GET /api/pelm/connection': () =>
        json(connected ? { connected, connectedAt: '2026-01-02T03:04:05Z' } : { connected }),
      'DELETE /api/pelm/connection': () => {
        connected = false
        return new Response(null, { status: 204 })
      },
    })
    const onSuccess = vi.fn()
    const { wrapper } = providers(server.fetch)
    const { result } = renderHook(
      () => ({ connection: useConnection(), disconnect: useDisconnect({ onSuccess }) }),
      { wrapper },
    )
    await waitFor(() => expect(result.current.connection.data?.connected).toBe(true))
    await act(() => result.current.disconnect.mutateAsync())
    expect(server.calls('DELETE /api/pelm/connection')).toHaveLength(1)
    // refetched before the mutation settled: no window where the UI still says "connected"
    expect(server.calls('GET /api/pelm/connection')).toHaveLength(2)
    expect(onSuccess).toHaveBeenCalledOnce()
    await waitFor(() => expect(result.current.connection.data).toEqual({ connected: false }))
  })

  test('a failed DELETE is a typed mutation error', async () => {
    const server = fakeServer({
      'DELETE /api/pelm/connection': () =>
        json({ error: { code: 'upstream_error', message: 'Down' } }, 502),
    })
    const { wrapper } = providers(server.fetch)
    const { result } = renderHook(() => useDisconnect(), { wrapper })
    act(() => result.current.mutate())
    await waitFor(() =>
      expect(result.current.error).toMatchObject({ code: 'upstream_error', retryable: true }),
    )
  })
})
