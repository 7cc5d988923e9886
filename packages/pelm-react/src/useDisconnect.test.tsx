import { onlineManager } from '@tanstack/react-query'
import { act, renderHook, waitFor } from '@testing-library/react'
import { afterEach, describe, expect, test, vi } from 'vitest'
import { connection, fakeServer, held, json, providers } from '../test/fake-server'
import { useConnections } from './useConnections'
import { useDisconnect } from './useDisconnect'

describe('useDisconnect', () => {
  test('mutate(id) DELETEs that connection, refreshes useConnections, then calls onSuccess', async () => {
    let list = [connection('c1'), connection('c/2 é')]
    const deleted: (string | undefined)[] = []
    const server = fakeServer({
      'GET /api/pelm/connections': () => json({ connections: list }),
      'DELETE /api/pelm/connections/:id': (_, id) => {
        deleted.push(id)
        list = list.filter((c) => c.id !== id)
        return new Response(null, { status: 204 })
      },
    })
    const onSuccess = vi.fn()
    const { wrapper } = providers(server.fetch)
    const { result } = renderHook(
      () => ({ connections: useConnections(), disconnect: useDisconnect({ onSuccess }) }),
      { wrapper },
    )
    await waitFor(() => expect(result.current.connections.data).toHaveLength(2))
    await act(() => result.current.disconnect.mutateAsync('c/2 é'))
    // the id is one path segment, encoded
    expect(server.fetch).toHaveBeenCalledWith(
      '/api/pelm/connections/c%2F2%20%C3%A9',
      expect.objectContaining({ method: 'DELETE' }),
    )
    expect(deleted).toEqual(['c/2 é'])
    // refetched before the mutation settled: no moment where the list still shows it
    expect(result.current.connections.data).toEqual([connection('c1')])
    expect(onSuccess).toHaveBeenCalledOnce()
    expect(result.current.disconnect.variables).toBe('c/2 é')
  })

  test('a list request in flight when the DELETE ends is not kept (it started before)', async () => {
    let list = [connection('c1')]
    const early = held()
    let lists = 0
    const server = fakeServer({
      'GET /api/pelm/connections': () =>
        ++lists === 1 ? early.response : json({ connections: list }),
      'DELETE /api/pelm/connections/:id': () => {
        list = []
        return new Response(null, { status: 204 })
      },
    })
    const { wrapper } = providers(server.fetch)
    const { result } = renderHook(
      () => ({ connections: useConnections(), disconnect: useDisconnect() }),
      { wrapper },
    )
    await waitFor(() => expect(lists).toBe(1))
    await act(() => result.current.disconnect.mutateAsync('c1'))
    early.answer(json({ connections: [connection('c1')] }))
    await new Promise((resolve) => setTimeout(resolve, 50))
    expect(result.current.connections.data).toEqual([])
  })

  test('a failed DELETE is a typed mutation error, and the list is refreshed all the same', async () => {
    const server = fakeServer({
      'GET /api/pelm/connections': () => json({ connections: [connection('c1')] }),
      'DELETE /api/pelm/connections/:id': () =>
        json({ error: { code: 'upstream_error', message: 'Pelm is down' } }, 502),
    })
    const onError = vi.fn()
    const { wrapper } = providers(server.fetch)
    const { result } = renderHook(
      () => ({ connections: useConnections(), disconnect: useDisconnect({ onError }) }),
      { wrapper },
    )
    await waitFor(() => expect(result.current.connections.data).toHaveLength(1))
    act(() => result.current.disconnect.mutate('c1'))
    await waitFor(() =>
      expect(result.current.disconnect.error).toMatchObject({
        code: 'upstream_error',
        status: 502,
        retryable: true,
      }),
    )
    expect(onError).toHaveBeenCalledOnce()
    expect(server.calls('GET /api/pelm/connections')).toHaveLength(2)
    expect(result.current.connections.data).toHaveLength(1)
  })

  test('an unknown id answers connection_not_found', async () => {
    const server = fakeServer({
      'DELETE /api/pelm/connections/:id': () =>
        json({ error: { code: 'connection_not_found', message: 'No such connection' } }, 404),
    })
    const { wrapper } = providers(server.fetch)
    const { result } = renderHook(() => useDisconnect(), { wrapper })
    act(() => result.current.mutate('nope'))
    await waitFor(() =>
      expect(result.current.error).toMatchObject({ code: 'connection_not_found', status: 404 }),
    )
  })

  describe('offline', () => {
    afterEach(() => onlineManager.setOnline(true))

    // react-query pauses a mutation while the browser is offline (its default networkMode): a
    // Disconnect stayed pending until the network came back, the app's dialog "Disconnecting…".
    test('a disconnect offline fails at once as a network_error, not paused until online', async () => {
      const server = fakeServer({
        'GET /api/pelm/connections': () => json({ connections: [connection('c1')] }),
        'DELETE /api/pelm/connections/:id': () => {
          throw new TypeError('Failed to fetch')
        },
      })
      const { wrapper } = providers(server.fetch)
      const { result } = renderHook(() => useDisconnect(), { wrapper })
      act(() => onlineManager.setOnline(false))
      act(() => result.current.mutate('c1'))
      await waitFor(() => expect(result.current.error?.code).toBe('network_error'))
      expect(result.current.isPaused).toBe(false)
      expect(server.calls('DELETE /api/pelm/connections/c1')).toHaveLength(1)
    })
  })
})
