import { act, renderHook, waitFor } from '@testing-library/react'
import { afterEach, beforeEach, describe, expect, test, vi } from 'vitest'
import { connectUrlAnswer, fakePopup, fakeServer, json, providers } from '../test/fake-server'
import { PelmConnectError } from './errors'
import { type UseConnectOptions, useConnect } from './useConnect'

let assign: ReturnType<typeof vi.spyOn>
beforeEach(() => {
  assign = vi.spyOn(window.location, 'assign').mockImplementation(() => {})
})
afterEach(() => {
  vi.restoreAllMocks()
  vi.useRealTimers()
})

async function renderConnect(options: UseConnectOptions, server = fakeServer()) {
  const { client, wrapper } = providers(server.fetch)
  const view = renderHook((props: UseConnectOptions) => useConnect(props), {
    wrapper,
    initialProps: options,
  })
  await waitFor(() => expect(view.result.current.ready).toBe(true))
  return { ...server, client, ...view }
}

const result = (status: string, extra: object = {}) => ({
  type: 'pelm:result',
  status,
  ...extra,
})

function post(data: unknown, source: unknown, origin = location.origin) {
  act(() => {
    window.dispatchEvent(new MessageEvent('message', { data, origin, source: source as Window }))
  })
}

describe('useConnect in popup mode', () => {
  test('opens the popup synchronously inside open(), then points it at the prefetched URL', async () => {
    const popup = fakePopup()
    const open = vi.spyOn(window, 'open').mockReturnValue(popup as unknown as Window)
    const { result: hook, fetch } = await renderConnect({ mode: 'popup' })
    fetch.mockClear()
    act(() => hook.current.open())
    expect(open).toHaveBeenCalledWith('', 'pelm', 'width=480,height=720')
    await waitFor(() =>
      expect(popup.location.href).toBe('https://connect.pelm.test/?connect_token=1'),
    )
    expect(fetch).not.toHaveBeenCalled()
    expect(assign).not.toHaveBeenCalled()
    expect(hook.current.status).toBe('redirecting')
  })

  test('opens the popup before fetching when no URL is cached yet (no await before window.open)', async () => {
    const popup = fakePopup()
    const open = vi.spyOn(window, 'open').mockReturnValue(popup as unknown as Window)
    let answer: (response: Response) => void = () => {}
    const server = fakeServer({
      'POST /api/pelm/connect-token': () => new Promise<Response>((resolve) => (answer = resolve)),
    })
    const { wrapper } = providers(server.fetch)
    const { result: hook } = renderHook(() => useConnect({ mode: 'popup' }), { wrapper })
    act(() => hook.current.open())
    expect(open).toHaveBeenCalledOnce()
    expect(popup.location.href).toBe('')
    answer(connectUrlAnswer('https://connect.pelm.test/?late'))
    await waitFor(() => expect(popup.location.href).toBe('https://connect.pelm.test/?late'))
  })

  test('a success message from the popup resolves onSuccess and refreshes the connection', async () => {
    const popup = fakePopup()
    vi.spyOn(window, 'open').mockReturnValue(popup as unknown as Window)
    const onSuccess = vi.fn()
    const { result: hook, client, calls } = await renderConnect({ mode: 'popup', onSuccess })
    const invalidate = vi.spyOn(client, 'invalidateQueries')
    act(() => hook.current.open())
    post(result('success'), popup)
    expect(onSuccess).toHaveBeenCalledOnce()
    expect(popup.close).toHaveBeenCalled()
    expect(invalidate).toHaveBeenCalledWith({ queryKey: ['pelm'] })
    // the exchange used the URL's state: a fresh URL is prefetched for the next attempt
    await waitFor(() => expect(calls('POST /api/pelm/connect-token')).toHaveLength(2))
    await waitFor(() => expect(hook.current.status).toBe('ready'))
  })

  test('an error message from the popup resolves onError with a typed error', async () => {
    const popup = fakePopup()
    vi.spyOn(window, 'open').mockReturnValue(popup as unknown as Window)
    const onError = vi.fn()
    const { result: hook } = await renderConnect({ mode: 'popup', onError })
    act(() => hook.current.open())
    post(result('error', { error: { code: 'state_mismatch', message: 'No', status: 403 } }), popup)
    expect(onError).toHaveBeenCalledOnce()
    expect(onError.mock.calls[0]?.[0]).toMatchObject({
      name: 'PelmConnectError',
      code: 'state_mismatch',
      status: 403,
    })
    expect(hook.current.status).toBe('error')
    expect(hook.current.error).toBe(onError.mock.calls[0]?.[0])
  })

  test('an error message without its error (malformed) still ends in a typed error, no crash', async () => {
    const popup = fakePopup()
    vi.spyOn(window, 'open').mockReturnValue(popup as unknown as Window)
    const onError = vi.fn()
    const { result: hook } = await renderConnect({ mode: 'popup', onError })
    act(() => hook.current.open())
    post(result('error'), popup)
    expect(onError).toHaveBeenCalledOnce()
    expect(onError.mock.calls[0]?.[0]).toBeInstanceOf(PelmConnectError)
    expect(hook.current.status).toBe('error')
    expect(popup.close).toHaveBeenCalled()
  })

  test('an exit message resolves onExit with the reason', async () => {
    const popup = fakePopup()
    vi.spyOn(window, 'open').mockReturnValue(popup as unknown as Window)
    const onExit = vi.fn()
    const { result: hook } = await renderConnect({ mode: 'popup', onExit })
    act(() => hook.current.open())
    post(result('exited', { exitReason: 'user_initiated_exit' }), popup)
    expect(onExit).toHaveBeenCalledWith({ reason: 'user_initiated_exit' })
    await waitFor(() => expect(hook.current.status).toBe('ready'))
    expect(hook.current.error).toBeNull()
  })

  test('ignores messages from a foreign origin, another window, or of another shape', async () => {
    const popup = fakePopup()
    vi.spyOn(window, 'open').mockReturnValue(popup as unknown as Window)
    const onSuccess = vi.fn()
    const { result: hook } = await renderConnect({ mode: 'popup', onSuccess })
    act(() => hook.current.open())
    post(result('success'), popup, 'https://evil.test')
    post(result('success'), fakePopup())
    post({ type: 'other:result', status: 'success' }, popup)
    post({ status: 'success' }, popup)
    post('success', popup)
    expect(onSuccess).not.toHaveBeenCalled()
    expect(hook.current.status).toBe('redirecting')
    post(result('success'), popup)
    expect(onSuccess).toHaveBeenCalledOnce()
  })

  test('a user who closes the popup yields onExit({ reason: "popup_closed" })', async () => {
    const popup = fakePopup()
    vi.spyOn(window, 'open').mockReturnValue(popup as unknown as Window)
    const onExit = vi.fn()
    const { result: hook } = await renderConnect({ mode: 'popup', onExit })
    vi.useFakeTimers({ toFake: ['setInterval', 'clearInterval'] })
    act(() => hook.current.open())
    await act(() => vi.advanceTimersByTimeAsync(1_500))
    expect(onExit).not.toHaveBeenCalled()
    popup.closed = true
    await act(() => vi.advanceTimersByTimeAsync(1_000))
    expect(onExit).toHaveBeenCalledExactlyOnceWith({ reason: 'popup_closed' })
    expect(hook.current.status).not.toBe('redirecting')
  })

  test('a result posted just before the popup closes wins over "closed"', async () => {
    const popup = fakePopup()
    vi.spyOn(window, 'open').mockReturnValue(popup as unknown as Window)
    const onSuccess = vi.fn()
    const onExit = vi.fn()
    const { result: hook } = await renderConnect({ mode: 'popup', onSuccess, onExit })
    vi.useFakeTimers({ toFake: ['setInterval', 'clearInterval'] })
    act(() => hook.current.open())
    popup.closed = true
    await act(() => vi.advanceTimersByTimeAsync(500))
    post(result('success'), popup)
    await act(() => vi.advanceTimersByTimeAsync(2_000))
    expect(onSuccess).toHaveBeenCalledOnce()
    expect(onExit).not.toHaveBeenCalled()
  })

  test('falls back to a redirect when the popup is blocked', async () => {
    vi.spyOn(window, 'open').mockReturnValue(null)
    const { result: hook } = await renderConnect({ mode: 'popup' })
    act(() => hook.current.open())
    await waitFor(() =>
      expect(assign).toHaveBeenCalledWith('https://connect.pelm.test/?connect_token=1'),
    )
    expect(hook.current.status).toBe('redirecting')
  })

  test('a second open() while the popup is open starts nothing new', async () => {
    const popup = fakePopup()
    const open = vi.spyOn(window, 'open').mockReturnValue(popup as unknown as Window)
    const { result: hook } = await renderConnect({ mode: 'popup' })
    act(() => hook.current.open())
    act(() => hook.current.open())
    expect(open).toHaveBeenCalledOnce()
  })

  test('closes the popup and reports onError when the connect URL cannot be fetched', async () => {
    const popup = fakePopup()
    vi.spyOn(window, 'open').mockReturnValue(popup as unknown as Window)
    const onError = vi.fn()
    const server = fakeServer({
      'POST /api/pelm/connect-token': () =>
        json({ error: { code: 'unauthenticated', message: 'Sign in first' } }, 401),
    })
    const { wrapper } = providers(server.fetch)
    const { result: hook } = renderHook(() => useConnect({ mode: 'popup', onError }), { wrapper })
    act(() => hook.current.open())
    await waitFor(() => expect(onError).toHaveBeenCalledOnce())
    expect(onError.mock.calls[0]?.[0]).toMatchObject({ code: 'unauthenticated', status: 401 })
    expect(popup.close).toHaveBeenCalled()
    expect(hook.current.status).toBe('error')
  })

  test('uses the latest callbacks when the result arrives, without re-running anything', async () => {
    const popup = fakePopup()
    vi.spyOn(window, 'open').mockReturnValue(popup as unknown as Window)
    const first = vi.fn()
    const latest = vi.fn()
    const {
      result: hook,
      rerender,
      calls,
    } = await renderConnect({ mode: 'popup', onSuccess: first })
    act(() => hook.current.open())
    rerender({ mode: 'popup', onSuccess: latest })
    rerender({ mode: 'popup', onSuccess: latest })
    expect(calls('POST /api/pelm/connect-token')).toHaveLength(1)
    post(result('success'), popup)
    expect(first).not.toHaveBeenCalled()
    expect(latest).toHaveBeenCalledOnce()
  })

  test('an attempt outlives its button: the result still closes the popup, refreshes and calls back', async () => {
    const popup = fakePopup()
    vi.spyOn(window, 'open').mockReturnValue(popup as unknown as Window)
    const onSuccess = vi.fn()
    const { result: hook, unmount, client } = await renderConnect({ mode: 'popup', onSuccess })
    const invalidate = vi.spyOn(client, 'invalidateQueries')
    act(() => hook.current.open())
    unmount() // say, the dialog holding the button was closed
    post(result('success'), popup)
    expect(onSuccess).toHaveBeenCalledOnce()
    expect(popup.close).toHaveBeenCalled()
    expect(invalidate).toHaveBeenCalledWith({ queryKey: ['pelm'] })
    post(result('success'), popup) // and then it stops listening
    expect(onSuccess).toHaveBeenCalledOnce()
  })
})
