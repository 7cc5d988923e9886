import { act, renderHook, waitFor } from '@testing-library/react'
import { afterEach, describe, expect, test, vi } from 'vitest'
import { connection, connectUrlAnswer, fakeServer, json, providers } from '../test/fake-server'
import { useConnect } from './useConnect'
import { useConnections } from './useConnections'

afterEach(() => vi.restoreAllMocks())

function renderConnections(answer: () => Response) {
  const server = fakeServer({ 'GET /api/pelm/connections': answer })
  const { wrapper } = providers(server.fetch)
  return { ...server, ...renderHook(() => useConnections(), { wrapper }) }
}

describe('useConnections', () => {
  test('reads GET /connections: data is the list itself', async () => {
    const list = [
      connection('c1'),
      connection('c2', { utility: { slug: 'sce', name: 'SCE' }, status: 'reconnect_required' }),
      connection('c3', { utility: undefined, status: 'unknown' }),
    ]
    const { result } = renderConnections(() => json({ connections: list }))
    await waitFor(() => expect(result.current.data).toEqual(list))
  })

  test('an empty list is an empty array', async () => {
    const { result } = renderConnections(() => json({ connections: [] }))
    await waitFor(() => expect(result.current.data).toEqual([]))
  })

  test('passes query options through', async () => {
    const server = fakeServer()
    const { wrapper } = providers(server.fetch)
    const { result } = renderHook(() => useConnections({ enabled: false }), { wrapper })
    expect(result.current.status).toBe('pending')
    expect(server.fetch).not.toHaveBeenCalled()
  })

  test.each([
    ['an HTML page from a wrong basePath', () => new Response('<!doctype html><title>App</title>')],
    ["0.1's single connection", () => json({ connected: false })],
    [
      'a connection without an id',
      () => json({ connections: [{ connectedAt: 'x', status: 'active' }] }),
    ],
    [
      'an unknown status',
      () => json({ connections: [connection('c1', { status: 'paused' as never })] }),
    ],
    [
      'a utility that is not an object',
      () => json({ connections: [{ ...connection('c1'), utility: 'pge' }] }),
    ],
    ['a null utility', () => json({ connections: [{ ...connection('c1'), utility: null }] })],
    [
      'a utility id that is not a string',
      () => json({ connections: [{ ...connection('c1'), utility: { id: 7 } }] }),
    ],
    [
      'a utility slug that is not a string',
      () => json({ connections: [{ ...connection('c1'), utility: { slug: ['pge'] } }] }),
    ],
    [
      'a utility name that is not a string',
      () => json({ connections: [{ ...connection('c1'), utility: { name: null } }] }),
    ],
  ])('%s is an invalid_response error', async (_, answer) => {
    const { result } = renderConnections(answer)
    await waitFor(() => expect(result.current.error).toMatchObject({ code: 'invalid_response' }))
    expect(result.current.data).toBeUndefined()
  })

  test('errors are typed', async () => {
    const { result } = renderConnections(() =>
      json({ error: { code: 'unauthenticated', message: 'Sign in' } }, 401),
    )
    await waitFor(() =>
      expect(result.current.error).toMatchObject({
        name: 'PelmConnectError',
        code: 'unauthenticated',
        status: 401,
      }),
    )
  })
})

describe('another user signs in on the same page (README: "Signing in and out")', () => {
  test("the keys are not per user: the previous user's answers stay until the ['pelm'] queries are reset", async () => {
    const assign = vi.spyOn(window.location, 'assign').mockImplementation(() => {})
    let user = 'ann'
    const server = fakeServer({
      'GET /api/pelm/connections': () => json({ connections: [connection(`${user}-c1`)] }),
      'POST /api/pelm/connect-token': () => connectUrlAnswer(`https://connect.pelm.test/?${user}`),
    })
    const { client, wrapper } = providers(server.fetch)
    const { result } = renderHook(() => ({ list: useConnections(), connect: useConnect() }), {
      wrapper,
    })
    await waitFor(() => expect(result.current.list.data?.[0]?.id).toBe('ann-c1'))
    await waitFor(() => expect(result.current.connect.ready).toBe(true))
    user = 'bob' // the session cookie changed; the cache knows nothing of it
    expect(result.current.list.data?.[0]?.id).toBe('ann-c1')
    // the README's line
    await act(() => client.resetQueries({ queryKey: ['pelm'] }))
    await waitFor(() => expect(result.current.list.data?.[0]?.id).toBe('bob-c1'))
    await waitFor(() => expect(result.current.connect.ready).toBe(true))
    act(() => result.current.connect.open())
    await waitFor(() => expect(assign).toHaveBeenCalledWith('https://connect.pelm.test/?bob'))
  })
})
