import { QueryClient } from '@tanstack/react-query'
import { act, render, screen, waitFor } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import axe from 'axe-core'
import { createRef } from 'react'
import { afterEach, beforeEach, describe, expect, test, vi } from 'vitest'
import {
  connection,
  connectUrlAnswer,
  fakePopup,
  fakeServer,
  json,
  providers,
  THIRTY_MINUTES,
} from '../test/fake-server'
import { ConnectButton } from './ConnectButton'

let assign: ReturnType<typeof vi.spyOn>
beforeEach(() => {
  assign = vi.spyOn(window.location, 'assign').mockImplementation(() => {})
})
afterEach(() => {
  vi.restoreAllMocks()
  vi.useRealTimers()
})

function renderButton(ui = <ConnectButton />, server = fakeServer(), queryClient?: QueryClient) {
  const { client, wrapper } = providers(server.fetch, queryClient)
  const view = render(ui, { wrapper })
  return { ...server, client, ...view }
}

const button = (name: RegExp = /connect utility account/i) => screen.getByRole('button', { name })

describe('ConnectButton', () => {
  test('is a native type="button" with a default label, loading until the URL is prefetched', async () => {
    const { calls } = renderButton()
    expect(button()).toHaveAttribute('type', 'button')
    expect(button()).toHaveAttribute('data-state', 'loading')
    expect(button()).toHaveAttribute('aria-busy', 'true')
    await waitFor(() => expect(button()).toHaveAttribute('data-state', 'ready'))
    expect(button()).toHaveAttribute('aria-busy', 'false')
    expect(calls('POST /api/pelm/connect-token')).toEqual([{}])
  })

  test('prefetches with the utility options and navigates on click with no network wait', async () => {
    const user = userEvent.setup()
    const { fetch, calls } = renderButton(
      <ConnectButton utilitySlug="pge">Connect PG&E</ConnectButton>,
    )
    await waitFor(() => expect(button(/connect pg&e/i)).toHaveAttribute('data-state', 'ready'))
    expect(calls('POST /api/pelm/connect-token')).toEqual([{ utilitySlug: 'pge' }])
    fetch.mockClear()
    await user.click(button(/connect pg&e/i))
    expect(assign).toHaveBeenCalledWith('https://connect.pelm.test/?connect_token=1')
    expect(fetch).not.toHaveBeenCalled()
    expect(button(/connect pg&e/i)).toHaveAttribute('data-state', 'redirecting')
    expect(button(/connect pg&e/i)).toHaveAttribute('aria-busy', 'true')
  })

  test('a click while the URL is still loading navigates as soon as it arrives', async () => {
    const user = userEvent.setup()
    let answer: (response: Response) => void = () => {}
    const { calls } = renderButton(
      <ConnectButton />,
      fakeServer({
        'POST /api/pelm/connect-token': () =>
          new Promise<Response>((resolve) => (answer = resolve)),
      }),
    )
    await user.click(button())
    await user.click(button()) // a double click starts one attempt
    expect(assign).not.toHaveBeenCalled()
    answer(connectUrlAnswer('https://connect.pelm.test/?slow'))
    await waitFor(() => expect(assign).toHaveBeenCalledWith('https://connect.pelm.test/?slow'))
    expect(assign).toHaveBeenCalledTimes(1)
    expect(calls('POST /api/pelm/connect-token')).toHaveLength(1)
  })

  test('back from Connect through the bfcache: ready again, onExit({ reason: "navigated_back" })', async () => {
    const user = userEvent.setup()
    const onExit = vi.fn()
    const server = fakeServer()
    renderButton(<ConnectButton onExit={onExit} />, server)
    await waitFor(() => expect(button()).toHaveAttribute('data-state', 'ready'))
    await user.click(button())
    expect(button()).toHaveAttribute('data-state', 'redirecting')
    act(() => {
      window.dispatchEvent(Object.assign(new Event('pageshow'), { persisted: true }))
    })
    expect(onExit).toHaveBeenCalledExactlyOnceWith({ reason: 'navigated_back' })
    expect(button()).toHaveAttribute('data-state', 'ready')
    // Forward may still lead into that Connect session: nothing is fetched that could break it
    // (issue 18, item 11); the next click uses the same, still unexchanged, URL
    await new Promise((resolve) => setTimeout(resolve, 50))
    expect(server.calls('POST /api/pelm/connect-token')).toHaveLength(1)
    await user.click(button())
    expect(assign).toHaveBeenCalledTimes(2)
    expect(assign).toHaveBeenLastCalledWith('https://connect.pelm.test/?connect_token=1')
    expect(server.calls('POST /api/pelm/connect-token')).toHaveLength(1)
  })

  test('a bfcache restore while nothing was in progress changes nothing', async () => {
    const onExit = vi.fn()
    renderButton(<ConnectButton onExit={onExit} />)
    await waitFor(() => expect(button()).toHaveAttribute('data-state', 'ready'))
    act(() => {
      window.dispatchEvent(Object.assign(new Event('pageshow'), { persisted: true }))
    })
    expect(onExit).not.toHaveBeenCalled()
  })

  test('forwards its ref, spreads native props and composes the onClick handler', async () => {
    const user = userEvent.setup()
    const ref = createRef<HTMLButtonElement>()
    const onClick = vi.fn()
    renderButton(
      <ConnectButton
        ref={ref}
        className="btn"
        id="connect"
        aria-describedby="hint"
        onClick={onClick}
      >
        Link account
      </ConnectButton>,
    )
    const element = button(/link account/i)
    expect(ref.current).toBe(element)
    expect(element).toHaveClass('btn')
    expect(element).toHaveAttribute('id', 'connect')
    expect(element).toHaveAttribute('aria-describedby', 'hint')
    expect(element).not.toHaveAttribute('style')
    expect(element).not.toHaveAttribute('utilityId')
    await waitFor(() => expect(element).toHaveAttribute('data-state', 'ready'))
    await user.click(element)
    expect(onClick).toHaveBeenCalledOnce()
    expect(assign).toHaveBeenCalledOnce()
  })

  test("the user's onClick can cancel with preventDefault", async () => {
    const user = userEvent.setup()
    renderButton(<ConnectButton onClick={(event) => event.preventDefault()} />)
    await waitFor(() => expect(button()).toHaveAttribute('data-state', 'ready'))
    await user.click(button())
    expect(assign).not.toHaveBeenCalled()
    expect(button()).toHaveAttribute('data-state', 'ready')
  })

  test('a disabled button does nothing', async () => {
    const user = userEvent.setup()
    renderButton(<ConnectButton disabled />)
    await waitFor(() => expect(button()).toHaveAttribute('data-state', 'ready'))
    await user.click(button())
    expect(assign).not.toHaveBeenCalled()
  })

  test('shows the error state when the URL cannot be fetched, and retries on click', async () => {
    const user = userEvent.setup()
    const onError = vi.fn()
    const server = fakeServer({
      'POST /api/pelm/connect-token': () =>
        json({ error: { code: 'unauthenticated', message: 'Sign in first' } }, 401),
    })
    renderButton(<ConnectButton onError={onError} />, server)
    await waitFor(() => expect(button()).toHaveAttribute('data-state', 'error'))
    expect(button()).toHaveAttribute('aria-busy', 'false')
    expect(server.calls('POST /api/pelm/connect-token')).toHaveLength(1)

    await user.click(button())
    await waitFor(() => expect(onError).toHaveBeenCalledOnce())
    expect(onError.mock.calls[0]?.[0]).toMatchObject({
      code: 'unauthenticated',
      message: 'Sign in first',
      status: 401,
    })
    expect(assign).not.toHaveBeenCalled()
    expect(button()).toHaveAttribute('data-state', 'error')
  })

  test('an inline options object or new callbacks on every render fetch nothing more', async () => {
    const server = fakeServer()
    const { rerender } = renderButton(<ConnectButton utilityId="1" onSuccess={() => {}} />, server)
    await waitFor(() => expect(button()).toHaveAttribute('data-state', 'ready'))
    for (let i = 0; i < 5; i++) {
      rerender(<ConnectButton utilityId="1" onSuccess={() => {}} onExit={() => {}} />)
    }
    expect(server.calls('POST /api/pelm/connect-token')).toHaveLength(1)
    rerender(<ConnectButton utilityId="2" />)
    await waitFor(() => expect(server.calls('POST /api/pelm/connect-token')).toHaveLength(2))
    expect(server.calls('POST /api/pelm/connect-token')[1]).toEqual({ utilityId: '2' })
  })

  test('buttons with the same options share one prefetch', async () => {
    const server = fakeServer()
    renderButton(
      <>
        <ConnectButton utilitySlug="pge">One</ConnectButton>
        <ConnectButton utilitySlug="pge">Two</ConnectButton>
      </>,
      server,
    )
    await waitFor(() => expect(button(/two/i)).toHaveAttribute('data-state', 'ready'))
    expect(server.calls('POST /api/pelm/connect-token')).toHaveLength(1)
  })

  test('each button navigates to its own prefetched URL (every issued state stays valid)', async () => {
    const user = userEvent.setup()
    const { calls } = renderButton(
      <>
        <ConnectButton utilitySlug="pge">PG&E</ConnectButton>
        <ConnectButton utilitySlug="sce">SCE</ConnectButton>
      </>,
    )
    await waitFor(() => expect(button(/sce/i)).toHaveAttribute('data-state', 'ready'))
    await waitFor(() => expect(button(/pg&e/i)).toHaveAttribute('data-state', 'ready'))
    await user.click(button(/pg&e/i))
    expect(assign).toHaveBeenCalledExactlyOnceWith('https://connect.pelm.test/?connect_token=1')
    expect(calls('POST /api/pelm/connect-token')).toHaveLength(2)
  })

  test('reconnect: connectionId is sent and keys the prefetch apart from a new connection', async () => {
    const user = userEvent.setup()
    const { calls } = renderButton(
      <>
        <ConnectButton>Add a utility</ConnectButton>
        <ConnectButton connectionId="c/1 2">Reconnect</ConnectButton>
      </>,
    )
    await waitFor(() => expect(button(/reconnect/i)).toHaveAttribute('data-state', 'ready'))
    await waitFor(() => expect(button(/add/i)).toHaveAttribute('data-state', 'ready'))
    expect(calls('POST /api/pelm/connect-token')).toEqual(
      expect.arrayContaining([{}, { connectionId: 'c/1 2' }]),
    )
    expect(button(/reconnect/i)).not.toHaveAttribute('connectionId')
    await user.click(button(/reconnect/i))
    // tokens are numbered in request order: the reconnect's is the one asked with its id
    const token =
      calls('POST /api/pelm/connect-token').findIndex(
        (body) => body !== undefined && 'connectionId' in (body as object),
      ) + 1
    expect(assign).toHaveBeenCalledExactlyOnceWith(
      `https://connect.pelm.test/?connect_token=${token}`,
    )
  })

  test('prefetches are keyed by basePath: two mounts of the routes, two URLs', async () => {
    const server = fakeServer({
      'POST /internal/pelm/connect-token': () =>
        connectUrlAnswer('https://connect.pelm.test/?internal'),
    })
    const client = new QueryClient({ defaultOptions: { queries: { retry: false } } })
    render(
      <>
        {providers(server.fetch, client).wrapper({
          children: <ConnectButton>Public</ConnectButton>,
        })}
        {providers(server.fetch, client, '/internal/pelm').wrapper({
          children: <ConnectButton>Internal</ConnectButton>,
        })}
      </>,
    )
    await waitFor(() => expect(button(/internal/i)).toHaveAttribute('data-state', 'ready'))
    await waitFor(() => expect(button(/public/i)).toHaveAttribute('data-state', 'ready'))
    expect(server.calls('POST /internal/pelm/connect-token')).toHaveLength(1)
    expect(server.calls('POST /api/pelm/connect-token')).toHaveLength(1)
  })

  test('under StrictMode: one prefetch, one navigation', async () => {
    const user = userEvent.setup()
    const server = fakeServer()
    const { wrapper } = providers(server.fetch)
    render(<ConnectButton />, { wrapper, reactStrictMode: true })
    await waitFor(() => expect(button()).toHaveAttribute('data-state', 'ready'))
    await user.click(button())
    expect(server.calls('POST /api/pelm/connect-token')).toHaveLength(1)
    expect(assign).toHaveBeenCalledOnce()
  })

  test("retries a failed prefetch as the app's QueryClient says", async () => {
    let attempts = 0
    const server = fakeServer({
      'POST /api/pelm/connect-token': () => {
        if (++attempts === 1) throw new TypeError('Failed to fetch')
        return connectUrlAnswer('https://connect.pelm.test/?retried')
      },
    })
    const client = new QueryClient({ defaultOptions: { queries: { retry: 1, retryDelay: 0 } } })
    renderButton(<ConnectButton />, server, client)
    expect(button()).toHaveAttribute('data-state', 'loading')
    await waitFor(() => expect(button()).toHaveAttribute('data-state', 'ready'))
    expect(attempts).toBe(2)
  })

  test('in popup mode: opens the popup on click and resolves onSuccess from its message', async () => {
    const user = userEvent.setup()
    const popup = fakePopup()
    vi.spyOn(window, 'open').mockReturnValue(popup as unknown as Window)
    const onSuccess = vi.fn()
    renderButton(<ConnectButton mode="popup" onSuccess={onSuccess} />)
    await waitFor(() => expect(button()).toHaveAttribute('data-state', 'ready'))
    await user.click(button())
    expect(popup.location.href).toBe('https://connect.pelm.test/?connect_token=1')
    expect(button()).toHaveAttribute('data-state', 'redirecting')
    act(() => {
      window.dispatchEvent(
        new MessageEvent('message', {
          origin: location.origin,
          source: popup as unknown as Window,
          data: { type: 'pelm:result', status: 'success', connection: connection('c1') },
        }),
      )
    })
    expect(onSuccess).toHaveBeenCalledExactlyOnceWith(connection('c1'))
    await waitFor(() => expect(button()).toHaveAttribute('data-state', 'ready'))
    expect(assign).not.toHaveBeenCalled()
  })

  test('has no axe violations', async () => {
    const { container } = renderButton(
      <main>
        <ConnectButton />
      </main>,
    )
    await waitFor(() => expect(button()).toHaveAttribute('data-state', 'ready'))
    const results = await axe.run(container, { rules: { 'color-contrast': { enabled: false } } })
    expect(results.violations).toEqual([])
  })

  test('without a QueryClientProvider it throws an actionable error', () => {
    vi.spyOn(console, 'error').mockImplementation(() => {})
    expect(() => render(<ConnectButton />)).toThrow(
      'No QueryClient set, use QueryClientProvider to set one',
    )
  })
})

describe('ConnectButton after a cancelled navigation (issue 18, item 10)', () => {
  test('Stop, Esc or "Stay": the page is still here 3 s later, so the button is ready again', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] })
    const onExit = vi.fn()
    const { calls } = renderButton(<ConnectButton onExit={onExit} />)
    await act(() => vi.advanceTimersByTimeAsync(10))
    expect(button()).toHaveAttribute('data-state', 'ready')
    await act(async () => button().click())
    expect(assign).toHaveBeenCalledOnce()
    expect(button()).toHaveAttribute('data-state', 'redirecting')
    // the navigation was cancelled: location.assign returned and no page replaced this one
    await act(() => vi.advanceTimersByTimeAsync(2_900))
    expect(button()).toHaveAttribute('data-state', 'redirecting')
    await act(() => vi.advanceTimersByTimeAsync(200))
    expect(button()).toHaveAttribute('data-state', 'ready')
    expect(button()).toHaveAttribute('aria-busy', 'false')
    expect(onExit).not.toHaveBeenCalled()
    // clicks work again, with the same unexchanged URL
    await act(async () => button().click())
    expect(assign).toHaveBeenCalledTimes(2)
    expect(calls('POST /api/pelm/connect-token')).toHaveLength(1)
  })

  test('a bfcache return stops the timer: one exit, and a later timer cannot end the next attempt', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] })
    const onExit = vi.fn()
    renderButton(<ConnectButton onExit={onExit} />)
    await act(() => vi.advanceTimersByTimeAsync(10))
    await act(async () => button().click())
    act(() => {
      window.dispatchEvent(Object.assign(new Event('pageshow'), { persisted: true }))
    })
    expect(onExit).toHaveBeenCalledOnce()
    await act(async () => button().click()) // a second attempt, whose navigation is under way
    await act(() => vi.advanceTimersByTimeAsync(2_000))
    expect(button()).toHaveAttribute('data-state', 'redirecting')
    expect(onExit).toHaveBeenCalledOnce()
  })
})

describe('ConnectButton expiry', () => {
  test('refreshes the URL a minute before it expires, and never uses an expired one', async () => {
    vi.useFakeTimers({
      toFake: ['setTimeout', 'clearTimeout', 'setInterval', 'clearInterval', 'Date'],
    })
    const server = fakeServer()
    renderButton(<ConnectButton />, server)
    await act(() => vi.advanceTimersByTimeAsync(10))
    expect(button()).toHaveAttribute('data-state', 'ready')
    const fetches = () => server.calls('POST /api/pelm/connect-token').length
    expect(fetches()).toBe(1)

    await act(() => vi.advanceTimersByTimeAsync(THIRTY_MINUTES - 61_000))
    expect(fetches()).toBe(1)
    await act(() => vi.advanceTimersByTimeAsync(2_000))
    expect(fetches()).toBe(2) // refreshed 1 minute before expiry
    expect(button()).toHaveAttribute('data-state', 'ready')
  })

  test("counts the URL's life from its arrival: a wrong clock on either side changes nothing", async () => {
    vi.useFakeTimers({
      toFake: ['setTimeout', 'clearTimeout', 'setInterval', 'clearInterval', 'Date'],
    })
    const server = fakeServer({
      // the server's clock says 2999; the browser's says now: only expiresIn counts
      'POST /api/pelm/connect-token': () =>
        json({
          connectUrl: 'https://connect.pelm.test/?skewed',
          expiresAt: '2999-01-01T00:00:00Z',
          expiresIn: THIRTY_MINUTES / 1000,
        }),
    })
    renderButton(<ConnectButton />, server)
    await act(() => vi.advanceTimersByTimeAsync(10))
    expect(button()).toHaveAttribute('data-state', 'ready')
    await act(() => vi.advanceTimersByTimeAsync(THIRTY_MINUTES - 59_000))
    expect(server.calls('POST /api/pelm/connect-token')).toHaveLength(2)
  })

  test('a lifetime past what a timer can hold (30 days) counts as a day: no refetch loop', async () => {
    vi.useFakeTimers({
      toFake: ['setTimeout', 'clearTimeout', 'setInterval', 'clearInterval', 'Date'],
    })
    // a browser timer set beyond 2^31 ms (24.8 days) fires at once, every time
    const server = fakeServer({
      'POST /api/pelm/connect-token': () =>
        connectUrlAnswer('https://connect.pelm.test/?long', 30 * 24 * 60 * 60_000),
    })
    renderButton(<ConnectButton />, server)
    await act(() => vi.advanceTimersByTimeAsync(1_000))
    expect(button()).toHaveAttribute('data-state', 'ready')
    const fetches = () => server.calls('POST /api/pelm/connect-token').length
    expect(fetches()).toBe(1)
    await act(() => vi.advanceTimersByTimeAsync(24 * 60 * 60_000 - 62_000))
    expect(fetches()).toBe(1)
    await act(() => vi.advanceTimersByTimeAsync(2_000))
    expect(fetches()).toBe(2) // refreshed a minute before the day is out
  })

  test('a failed first prefetch is retried every 30 seconds until it succeeds (issue 18, item 13)', async () => {
    vi.useFakeTimers({
      toFake: ['setTimeout', 'clearTimeout', 'setInterval', 'clearInterval', 'Date'],
    })
    let down = true
    const server = fakeServer({
      'POST /api/pelm/connect-token': () =>
        down
          ? json({ error: { code: 'upstream_error', message: 'Pelm is down' } }, 502)
          : connectUrlAnswer('https://connect.pelm.test/?recovered'),
    })
    renderButton(<ConnectButton />, server)
    await act(() => vi.advanceTimersByTimeAsync(10))
    expect(button()).toHaveAttribute('data-state', 'error')
    const fetches = () => server.calls('POST /api/pelm/connect-token').length
    expect(fetches()).toBe(1)
    await act(() => vi.advanceTimersByTimeAsync(30_000))
    expect(fetches()).toBe(2)
    expect(button()).toHaveAttribute('data-state', 'error')
    down = false
    await act(() => vi.advanceTimersByTimeAsync(30_000))
    expect(fetches()).toBe(3)
    expect(button()).toHaveAttribute('data-state', 'ready')
  })

  test.each([
    [401, 'unauthenticated', 'Sign in first'],
    [404, 'connection_not_found', 'No such connection'], // a stale Reconnect button
    [400, 'http_error', 'HTTP 400'],
  ])(
    'a %i %s is not refetched in the background (each fetch spends the user’s connect-token rate limit); a click tries again',
    async (status, code, message) => {
      vi.useFakeTimers({
        toFake: ['setTimeout', 'clearTimeout', 'setInterval', 'clearInterval', 'Date'],
      })
      const server = fakeServer({
        'POST /api/pelm/connect-token': () => json({ error: { code, message } }, status),
      })
      renderButton(<ConnectButton connectionId="c1">Reconnect</ConnectButton>, server)
      await act(() => vi.advanceTimersByTimeAsync(10))
      expect(button(/reconnect/i)).toHaveAttribute('data-state', 'error')
      const fetches = () => server.calls('POST /api/pelm/connect-token').length
      await act(() => vi.advanceTimersByTimeAsync(10 * 60_000))
      expect(fetches()).toBe(1)
      expect(button(/reconnect/i)).toHaveAttribute('data-state', 'error')
      await act(async () => button(/reconnect/i).click())
      await act(() => vi.advanceTimersByTimeAsync(10))
      expect(fetches()).toBe(2)
      expect(assign).not.toHaveBeenCalled()
    },
  )

  test('a network failure is still retried every 30 seconds', async () => {
    vi.useFakeTimers({
      toFake: ['setTimeout', 'clearTimeout', 'setInterval', 'clearInterval', 'Date'],
    })
    const server = fakeServer({
      'POST /api/pelm/connect-token': () => Promise.reject(new TypeError('Failed to fetch')),
    })
    renderButton(<ConnectButton />, server)
    await act(() => vi.advanceTimersByTimeAsync(10))
    expect(button()).toHaveAttribute('data-state', 'error')
    await act(() => vi.advanceTimersByTimeAsync(60_000))
    expect(server.calls('POST /api/pelm/connect-token')).toHaveLength(3)
  })

  test('a click on an expired URL fetches a fresh one first', async () => {
    vi.useFakeTimers({ toFake: ['Date'] })
    const user = userEvent.setup()
    const server = fakeServer()
    renderButton(<ConnectButton />, server)
    await waitFor(() => expect(button()).toHaveAttribute('data-state', 'ready'))
    // the tab slept: no timer ran, the cached URL expired
    vi.setSystemTime(Date.now() + THIRTY_MINUTES + 1_000)
    await user.click(button())
    await waitFor(() => expect(assign).toHaveBeenCalledOnce())
    expect(assign).toHaveBeenCalledWith('https://connect.pelm.test/?connect_token=2')
    expect(server.calls('POST /api/pelm/connect-token')).toHaveLength(2)
  })
})
