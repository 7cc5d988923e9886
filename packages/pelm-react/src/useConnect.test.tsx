import { onlineManager } from '@tanstack/react-query'
import { act, renderHook, waitFor } from '@testing-library/react'
import { afterEach, beforeEach, describe, expect, test, vi } from 'vitest'
import {
  browserLikeOpen,
  connection,
  connectUrlAnswer,
  fakePopup,
  fakeServer,
  held,
  json,
  postFrom,
  providers,
} from '../test/fake-server'
import { catchMicrotaskErrors } from '../test/uncaught'
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

const message = (status: string, extra: object = {}) => ({
  type: 'pelm:result',
  status,
  ...extra,
})

function post(data: unknown, source: unknown, origin = location.origin) {
  act(() => postFrom(source, data, origin))
}

describe('useConnect in popup mode', () => {
  test('opens the popup synchronously inside open(), then points it at the prefetched URL', async () => {
    const popup = fakePopup()
    const open = vi.spyOn(window, 'open').mockReturnValue(popup as unknown as Window)
    const { result: hook, fetch } = await renderConnect({ mode: 'popup' })
    fetch.mockClear()
    act(() => hook.current.open())
    expect(open).toHaveBeenCalledWith('', '_blank', 'width=480,height=720')
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

  test('a success message from the popup calls onSuccess(connection) and refreshes the connections', async () => {
    const popup = fakePopup()
    vi.spyOn(window, 'open').mockReturnValue(popup as unknown as Window)
    const onSuccess = vi.fn()
    const { result: hook, client, calls } = await renderConnect({ mode: 'popup', onSuccess })
    const cancel = vi.spyOn(client, 'cancelQueries')
    const invalidate = vi.spyOn(client, 'invalidateQueries')
    act(() => hook.current.open())
    post(message('success', { connection: connection('c7') }), popup)
    expect(onSuccess).toHaveBeenCalledExactlyOnceWith(connection('c7'))
    expect(popup.close).toHaveBeenCalled()
    const connections = { queryKey: ['pelm', 'connections', '/api/pelm'] }
    expect(cancel).toHaveBeenCalledWith(connections)
    await waitFor(() => expect(invalidate).toHaveBeenCalledWith(connections))
    // the exchange used the URL's state: a fresh URL is prefetched for the next attempt
    await waitFor(() => expect(calls('POST /api/pelm/connect-token')).toHaveLength(2))
    await waitFor(() => expect(hook.current.status).toBe('ready'))
  })

  test('a success message without a well-formed connection (another app version) is an invalid_response error', async () => {
    const popup = fakePopup()
    vi.spyOn(window, 'open').mockReturnValue(popup as unknown as Window)
    const onSuccess = vi.fn()
    const onError = vi.fn()
    const { result: hook } = await renderConnect({ mode: 'popup', onSuccess, onError })
    act(() => hook.current.open())
    post(message('success', { connection: { id: 'c1', status: 'sleeping' } }), popup)
    expect(onSuccess).not.toHaveBeenCalled()
    expect(onError.mock.calls[0]?.[0]).toMatchObject({ code: 'invalid_response' })
    expect(hook.current.status).toBe('error')
  })

  test.each(['__proto__', 'constructor', 'toString'])(
    'an error code "%s" from the popup is a code like any other',
    async (code) => {
      const popup = fakePopup()
      vi.spyOn(window, 'open').mockReturnValue(popup as unknown as Window)
      const onError = vi.fn()
      const { result: hook } = await renderConnect({ mode: 'popup', onError })
      act(() => hook.current.open())
      post(message('error', { error: { code } }), popup)
      expect(onError.mock.calls[0]?.[0]).toMatchObject({
        name: 'PelmConnectError',
        code,
        message: code,
      })
      expect(hook.current.error?.code).toBe(code)
    },
  )

  test('an error message from the popup resolves onError with a typed error', async () => {
    const popup = fakePopup()
    vi.spyOn(window, 'open').mockReturnValue(popup as unknown as Window)
    const onError = vi.fn()
    const { result: hook } = await renderConnect({ mode: 'popup', onError })
    act(() => hook.current.open())
    post(message('error', { error: { code: 'state_mismatch', message: 'No', status: 403 } }), popup)
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
    post(message('error'), popup)
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
    post(message('exited', { exitReason: 'user_initiated_exit' }), popup)
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
    post(message('success', { connection: connection('c1') }), popup, 'https://evil.test')
    post(message('success', { connection: connection('c1') }), fakePopup())
    post({ type: 'other:result', status: 'success' }, popup)
    post({ status: 'success' }, popup)
    post('success', popup)
    expect(onSuccess).not.toHaveBeenCalled()
    expect(hook.current.status).toBe('redirecting')
    post(message('success', { connection: connection('c1') }), popup)
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
    post(message('success', { connection: connection('c1') }), popup)
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
    post(message('success', { connection: connection('c1') }), popup)
    expect(first).not.toHaveBeenCalled()
    expect(latest).toHaveBeenCalledOnce()
  })

  test('an onSuccess that throws still ends the attempt (no button stuck redirecting), its error thrown again', async () => {
    const popup = fakePopup()
    vi.spyOn(window, 'open').mockReturnValue(popup as unknown as Window)
    const bug = new Error("bug in the app's onSuccess")
    const uncaught = catchMicrotaskErrors()
    const onSuccess = () => {
      throw bug
    }
    const { result: hook } = await renderConnect({ mode: 'popup', onSuccess })
    act(() => hook.current.open())
    post(message('success', { connection: connection('c1') }), popup)
    await waitFor(() => expect(hook.current.status).toBe('ready'))
    expect(popup.close).toHaveBeenCalled()
    await waitFor(() => expect(uncaught).toEqual([bug]))
  })

  test('an onError that throws still ends a failed click in the error status', async () => {
    const popup = fakePopup()
    vi.spyOn(window, 'open').mockReturnValue(popup as unknown as Window)
    const bug = new Error("bug in the app's onError")
    const uncaught = catchMicrotaskErrors()
    const server = fakeServer({
      'POST /api/pelm/connect-token': () =>
        json({ error: { code: 'unauthenticated', message: 'Sign in first' } }, 401),
    })
    const { wrapper } = providers(server.fetch)
    const onError = () => {
      throw bug
    }
    const { result: hook } = renderHook(() => useConnect({ mode: 'popup', onError }), { wrapper })
    act(() => hook.current.open())
    await waitFor(() => expect(hook.current.status).toBe('error'))
    expect(hook.current.error).toMatchObject({ code: 'unauthenticated' })
    await waitFor(() => expect(uncaught).toEqual([bug]))
  })

  test('an attempt outlives its button: the result still closes the popup, refreshes and calls back', async () => {
    const popup = fakePopup()
    vi.spyOn(window, 'open').mockReturnValue(popup as unknown as Window)
    const onSuccess = vi.fn()
    const { result: hook, unmount, client } = await renderConnect({ mode: 'popup', onSuccess })
    const cancel = vi.spyOn(client, 'cancelQueries')
    act(() => hook.current.open())
    unmount() // say, the dialog holding the button was closed
    post(message('success', { connection: connection('c1') }), popup)
    expect(onSuccess).toHaveBeenCalledOnce()
    expect(popup.close).toHaveBeenCalled()
    expect(cancel).toHaveBeenCalledWith({ queryKey: ['pelm', 'connections', '/api/pelm'] })
    post(message('success', { connection: connection('c1') }), popup) // and then it stops listening
    expect(onSuccess).toHaveBeenCalledOnce()
  })
})

describe('useConnect with several buttons (issue 18, items 9 and 12)', () => {
  test("two buttons each open their own popup, and one popup's result calls only its own button back", async () => {
    const { open, windows } = browserLikeOpen()
    const pge = { mode: 'popup' as const, utilitySlug: 'pge', onSuccess: vi.fn() }
    const sce = { mode: 'popup' as const, utilitySlug: 'sce', onSuccess: vi.fn() }
    const { wrapper } = providers(fakeServer().fetch)
    const { result } = renderHook(() => ({ pge: useConnect(pge), sce: useConnect(sce) }), {
      wrapper,
    })
    await waitFor(() => expect(result.current.sce.ready && result.current.pge.ready).toBe(true))
    act(() => result.current.pge.open())
    act(() => result.current.sce.open())
    expect(open).toHaveBeenCalledTimes(2)
    // a shared window name would have handed the second click the first click's window
    expect(windows).toHaveLength(2)
    const [first, second] = windows
    await waitFor(() => expect(second?.location.href).toMatch(/connect_token/))
    expect(first?.location.href).not.toBe(second?.location.href)
    post(message('success', { connection: connection('c1') }), first)
    expect(pge.onSuccess).toHaveBeenCalledOnce()
    expect(sce.onSuccess).not.toHaveBeenCalled()
    expect(result.current.sce.status).toBe('redirecting')
  })

  test("a click uses its own button's URL while another button's prefetch is still in flight", async () => {
    const slow = held()
    const server = fakeServer({
      'POST /api/pelm/connect-token': (body) =>
        (body as { utilitySlug?: string }).utilitySlug === 'pge'
          ? slow.response
          : connectUrlAnswer('https://connect.pelm.test/?sce'),
    })
    const { wrapper } = providers(server.fetch)
    const { result } = renderHook(
      () => ({ pge: useConnect({ utilitySlug: 'pge' }), sce: useConnect({ utilitySlug: 'sce' }) }),
      { wrapper },
    )
    await waitFor(() => expect(result.current.sce.ready).toBe(true))
    expect(result.current.pge.status).toBe('loading')
    act(() => result.current.sce.open())
    // its own prefetched URL at once: no new request, whatever the other button is waiting for
    await waitFor(() => expect(assign).toHaveBeenCalledWith('https://connect.pelm.test/?sce'))
    expect(server.calls('POST /api/pelm/connect-token')).toHaveLength(2)
    act(() => result.current.pge.open())
    slow.answer(connectUrlAnswer('https://connect.pelm.test/?pge'))
    await waitFor(() => expect(assign).toHaveBeenLastCalledWith('https://connect.pelm.test/?pge'))
    expect(server.calls('POST /api/pelm/connect-token')).toHaveLength(2)
  })

  test("another QueryClient's fetch in flight changes nothing for this one (no state shared between apps)", async () => {
    const slow = held()
    const other = fakeServer({ 'POST /api/pelm/connect-token': () => slow.response })
    const mine = fakeServer()
    const { result: hook } = renderHook(() => useConnect(), {
      wrapper: providers(mine.fetch).wrapper,
    })
    await waitFor(() => expect(hook.current.ready).toBe(true))
    // a second app on the page (its own QueryClient) starts a prefetch that does not end
    renderHook(() => useConnect(), { wrapper: providers(other.fetch).wrapper })
    await waitFor(() => expect(other.calls('POST /api/pelm/connect-token')).toHaveLength(1))
    act(() => hook.current.open())
    await waitFor(() =>
      expect(assign).toHaveBeenCalledWith('https://connect.pelm.test/?connect_token=1'),
    )
    expect(mine.calls('POST /api/pelm/connect-token')).toHaveLength(1)
  })

  test('a click while its own URL is being refreshed waits for the fresh URL instead of the one it replaces', async () => {
    const refresh = held()
    let calls = 0
    const server = fakeServer({
      'POST /api/pelm/connect-token': () =>
        ++calls === 1 ? connectUrlAnswer('https://connect.pelm.test/?old') : refresh.response,
    })
    const { result: hook, client } = await renderConnect({}, server)
    act(() => void client.refetchQueries({ queryKey: ['pelm', 'connect'] }))
    await waitFor(() => expect(calls).toBe(2))
    act(() => hook.current.open())
    expect(assign).not.toHaveBeenCalled()
    refresh.answer(connectUrlAnswer('https://connect.pelm.test/?new'))
    await waitFor(() =>
      expect(assign).toHaveBeenCalledExactlyOnceWith('https://connect.pelm.test/?new'),
    )
  })
})

describe('useConnect offline', () => {
  afterEach(() => onlineManager.setOnline(true))

  // react-query pauses a fetch while the browser is offline (its default networkMode): a click
  // with no usable URL cached stayed "redirecting", aria-busy, until the network came back, and
  // every later click was ignored meanwhile. Connect cannot open offline anyway: say so at once.
  test('a click offline with no URL cached fails at once as a network_error, and works once online', async () => {
    let online = false
    const server = fakeServer({
      'POST /api/pelm/connect-token': () => {
        if (!online) throw new TypeError('Failed to fetch')
        return connectUrlAnswer('https://connect.pelm.test/?back-online')
      },
    })
    const { wrapper } = providers(server.fetch)
    const { result: hook } = renderHook(() => useConnect(), { wrapper })
    await waitFor(() => expect(hook.current.status).toBe('error'))
    act(() => onlineManager.setOnline(false))
    act(() => hook.current.open())
    await waitFor(() => expect(hook.current.error?.code).toBe('network_error'))
    expect(hook.current.status).toBe('error')
    expect(assign).not.toHaveBeenCalled()

    online = true
    act(() => onlineManager.setOnline(true))
    act(() => hook.current.open())
    await waitFor(() =>
      expect(assign).toHaveBeenCalledExactlyOnceWith('https://connect.pelm.test/?back-online'),
    )
  })
})
