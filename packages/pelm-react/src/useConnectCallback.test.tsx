import type { QueryClient } from '@tanstack/react-query'
import { act, render, renderHook, screen, waitFor } from '@testing-library/react'
import { useEffect } from 'react'
import { afterEach, beforeEach, describe, expect, test, vi } from 'vitest'
import { connection, fakeServer, held, json, providers } from '../test/fake-server'
import { catchMicrotaskErrors } from '../test/uncaught'
import { type UseConnectCallbackOptions, useConnectCallback } from './useConnectCallback'
import { useConnections } from './useConnections'

// Each test uses its own code, so a test could not pass on another test's outcome.
let code = 0
const nextCode = () => `code-${++code}`

beforeEach(() => {
  history.replaceState(null, '', '/')
})
afterEach(() => vi.restoreAllMocks())

function visit(search: string, state: unknown = null) {
  history.replaceState(state, '', `/pelm/callback${search}`)
}

function CallbackPage(options: UseConnectCallbackOptions) {
  const result = useConnectCallback(options)
  if (result.status === 'success') return <p>Connected</p>
  if (result.status === 'error') {
    return (
      <p role="alert">
        Could not connect: {result.error.code} ({result.error.message})
      </p>
    )
  }
  if (result.status === 'exited') return <p>You left Connect ({result.exitReason})</p>
  return <p>{result.status === 'pending' ? 'Connecting…' : 'Nothing to do'}</p>
}

/** The callback page as apps write it: the outcome, and the list of connections beside it. */
function CallbackWithList() {
  const { status } = useConnectCallback()
  const { data } = useConnections()
  return (
    <>
      <p role="status">{status}</p>
      <ul aria-label="Connections">
        {data?.map((c) => (
          <li key={c.id}>{c.utility?.name}</li>
        ))}
      </ul>
    </>
  )
}

describe('useConnectCallback', () => {
  test('exchanges the code once under StrictMode, calls onSuccess once, shows success', async () => {
    const c = nextCode()
    visit(`?code=${c}&state=s1`)
    const server = fakeServer()
    const onSuccess = vi.fn()
    const { wrapper } = providers(server.fetch)
    // StrictMode at the root (React only double-runs effects there)
    render(<CallbackPage onSuccess={onSuccess} />, { wrapper, reactStrictMode: true })
    expect(screen.getByText('Connecting…')).toBeInTheDocument()
    expect(await screen.findByText('Connected')).toBeInTheDocument()
    expect(server.calls('POST /api/pelm/exchange')).toEqual([{ code: c, state: 's1' }])
    expect(onSuccess).toHaveBeenCalledExactlyOnceWith(connection('c1'))
  })

  test('returns the connection that was made (or renewed)', async () => {
    visit(`?code=${nextCode()}&state=s`)
    const renewed = connection('c9', { utility: { slug: 'sce', name: 'SCE' } })
    const server = fakeServer({
      'POST /api/pelm/exchange': () => json({ connected: true, connection: renewed }),
    })
    const { wrapper } = providers(server.fetch)
    const { result } = renderHook(() => useConnectCallback(), { wrapper })
    await waitFor(() => expect(result.current.status).toBe('success'))
    expect(result.current).toEqual({
      status: 'success',
      connection: renewed,
      error: null,
      exitReason: null,
    })
  })

  test('an exchange answer without a well-formed connection (an older server) is invalid_response', async () => {
    visit(`?code=${nextCode()}&state=s`)
    const onSuccess = vi.fn()
    const server = fakeServer({ 'POST /api/pelm/exchange': () => json({ connected: true }) })
    const { wrapper } = providers(server.fetch)
    render(<CallbackPage onSuccess={onSuccess} />, { wrapper })
    expect(await screen.findByRole('alert')).toHaveTextContent('invalid_response')
    expect(onSuccess).not.toHaveBeenCalled()
  })

  test('another QueryClient (a second app on the page) keeps its own outcomes', async () => {
    const c = nextCode()
    visit('')
    const server = fakeServer()
    const first = providers(server.fetch)
    const view = render(<CallbackPage search={`code=${c}&state=s`} />, { wrapper: first.wrapper })
    await screen.findByText('Connected')
    view.unmount()
    // the same URL seen by another QueryClient is not answered from the first one's cache
    const second = providers(server.fetch)
    render(<CallbackPage search={`code=${c}&state=s`} />, { wrapper: second.wrapper })
    await waitFor(() => expect(server.calls('POST /api/pelm/exchange')).toHaveLength(2))
  })

  test("refetching every query (an app's refetchQueries()) never sends the code again", async () => {
    visit(`?code=${nextCode()}&state=s`)
    const server = fakeServer()
    const { wrapper, client } = providers(server.fetch)
    render(<CallbackPage />, { wrapper })
    await screen.findByText('Connected')
    await client.refetchQueries()
    await client.invalidateQueries()
    expect(server.calls('POST /api/pelm/exchange')).toHaveLength(1)
    expect(screen.getByText('Connected')).toBeInTheDocument()
  })

  test('exchanges once under StrictMode with a router-provided search string too', async () => {
    const c = nextCode()
    visit('')
    const server = fakeServer()
    const onSuccess = vi.fn()
    const { wrapper } = providers(server.fetch)
    render(<CallbackPage search={`?code=${c}&state=s`} onSuccess={onSuccess} />, {
      wrapper,
      reactStrictMode: true,
    })
    expect(await screen.findByText('Connected')).toBeInTheDocument()
    expect(server.calls('POST /api/pelm/exchange')).toHaveLength(1)
    expect(onSuccess).toHaveBeenCalledOnce()
  })

  test('a remount while the exchange is pending shares it', async () => {
    const c = nextCode()
    let answer: (response: Response) => void = () => {}
    const server = fakeServer({
      'POST /api/pelm/exchange': () => new Promise<Response>((resolve) => (answer = resolve)),
    })
    const onSuccess = vi.fn()
    const { wrapper } = providers(server.fetch)
    const first = render(<CallbackPage search={`code=${c}&state=s`} onSuccess={onSuccess} />, {
      wrapper,
    })
    await waitFor(() => expect(server.fetch).toHaveBeenCalledOnce())
    first.unmount()
    render(<CallbackPage search={`code=${c}&state=s`} onSuccess={onSuccess} />, { wrapper })
    expect(screen.getByText('Connecting…')).toBeInTheDocument()
    answer(json({ connected: true, connection: connection('c1') }))
    expect(await screen.findByText('Connected')).toBeInTheDocument()
    expect(server.calls('POST /api/pelm/exchange')).toHaveLength(1)
    expect(onSuccess).toHaveBeenCalledOnce()
  })

  test('removes code and state from the address bar, keeping other parameters and history.state', async () => {
    visit(`?code=${nextCode()}&state=s&next=%2Faccounts`, { router: 'key-1' })
    const { wrapper } = providers(fakeServer().fetch)
    render(<CallbackPage />, { wrapper })
    await screen.findByText('Connected')
    expect(location.pathname).toBe('/pelm/callback')
    expect(location.search).toBe('?next=%2Faccounts')
    expect(history.state).toEqual({ router: 'key-1' })
  })

  test.each([
    ['a state alone', '?state=st_1&next=%2Faccounts'],
    ['an empty code and state', '?code=&state=&next=%2Faccounts'],
    ['an error_description alone', '?next=%2Faccounts&error_description=Late'],
  ])(
    '%s leaves the address bar too (nothing to exchange: idle), other parameters and the hash kept',
    async (_, search) => {
      visit(`${search}#bills`, { router: 'key-2' })
      const server = fakeServer()
      const { wrapper } = providers(server.fetch)
      render(<CallbackPage />, { wrapper })
      expect(screen.getByText('Nothing to do')).toBeInTheDocument()
      expect(location.search).toBe('?next=%2Faccounts')
      expect(location.hash).toBe('#bills')
      expect(history.state).toEqual({ router: 'key-2' })
      expect(server.fetch).not.toHaveBeenCalled()
    },
  )

  test("Pelm's error_description leaves the address bar with the error", async () => {
    visit(
      `?error=connect_max_attempted_logins&error_description=Too+many+attempts&state=${nextCode()}&tab=bills#top`,
    )
    const { wrapper } = providers(fakeServer().fetch)
    render(<CallbackPage />, { wrapper })
    expect(await screen.findByRole('alert')).toHaveTextContent('connect_max_attempted_logins')
    expect(location.search).toBe('?tab=bills')
    expect(location.hash).toBe('#top')
  })

  test('an address without any of Pelm’s parameters is left as it is, spelling included', async () => {
    visit('?q=a%20b&flag#top')
    const replaceState = vi.spyOn(history, 'replaceState')
    const { wrapper } = providers(fakeServer().fetch)
    render(<CallbackPage />, { wrapper })
    expect(screen.getByText('Nothing to do')).toBeInTheDocument()
    expect(replaceState).not.toHaveBeenCalled()
    expect(location.search).toBe('?q=a%20b&flag')
  })

  test('a remount does not exchange again nor repeat onSuccess', async () => {
    const c = nextCode()
    visit(`?code=${c}&state=s`)
    const server = fakeServer()
    const onSuccess = vi.fn()
    const { wrapper } = providers(server.fetch)
    const first = render(<CallbackPage onSuccess={onSuccess} />, { wrapper })
    await screen.findByText('Connected')
    first.unmount()
    // a router that still holds the old query string renders the page again
    render(<CallbackPage search={`?code=${c}&state=s`} onSuccess={onSuccess} />, { wrapper })
    expect(await screen.findByText('Connected')).toBeInTheDocument()
    expect(server.calls('POST /api/pelm/exchange')).toHaveLength(1)
    expect(onSuccess).toHaveBeenCalledOnce()
  })

  test('the code leaves the address bar before the exchange is sent: a reload cannot resend it', async () => {
    const c = nextCode()
    visit(`?code=${c}&state=s&tab=bills`)
    const addressAtExchange: string[] = []
    const server = fakeServer({
      'POST /api/pelm/exchange': () => {
        addressAtExchange.push(location.pathname + location.search)
        return json({ connected: true, connection: connection('c1') })
      },
    })
    const { wrapper } = providers(server.fetch)
    render(<CallbackPage />, { wrapper })
    await screen.findByText('Connected')
    expect(addressAtExchange).toEqual(['/pelm/callback?tab=bills'])
  })

  test('after the URL was cleaned, a reload finds nothing to exchange: idle', async () => {
    visit('')
    const server = fakeServer()
    const { wrapper } = providers(server.fetch)
    render(<CallbackPage />, { wrapper })
    expect(screen.getByText('Nothing to do')).toBeInTheDocument()
    expect(server.fetch).not.toHaveBeenCalled()
  })

  test('error=user_initiated_exit → exited, onExit with the reason, no exchange', async () => {
    visit(`?error=user_initiated_exit&state=${nextCode()}`)
    const server = fakeServer()
    const onExit = vi.fn()
    const { wrapper } = providers(server.fetch)
    render(<CallbackPage onExit={onExit} />, { wrapper })
    expect(await screen.findByText('You left Connect (user_initiated_exit)')).toBeInTheDocument()
    expect(onExit).toHaveBeenCalledExactlyOnceWith({ reason: 'user_initiated_exit' })
    expect(server.fetch).not.toHaveBeenCalled()
    expect(location.search).toBe('')
  })

  test('another Pelm error parameter → error status with that code', async () => {
    visit(`?error=connect_max_attempted_logins&state=${nextCode()}`)
    const onError = vi.fn()
    const { wrapper } = providers(fakeServer().fetch)
    render(<CallbackPage onError={onError} />, { wrapper })
    expect(await screen.findByRole('alert')).toHaveTextContent('connect_max_attempted_logins')
    expect(onError.mock.calls[0]?.[0]).toMatchObject({
      name: 'PelmConnectError',
      code: 'connect_max_attempted_logins',
    })
  })

  test('a server error surfaces as a typed error with its code', async () => {
    visit(`?code=${nextCode()}&state=s`)
    const server = fakeServer({
      'POST /api/pelm/exchange': () =>
        json({ error: { code: 'state_used', message: 'This callback was already used' } }, 409),
    })
    const onError = vi.fn()
    const { wrapper } = providers(server.fetch)
    render(<CallbackPage onError={onError} />, { wrapper })
    expect(await screen.findByRole('alert')).toHaveTextContent('state_used')
    expect(onError.mock.calls[0]?.[0]).toMatchObject({
      code: 'state_used',
      status: 409,
      message: 'This callback was already used',
      retryable: false,
    })
  })

  test('a network failure is a retryable network_error', async () => {
    visit(`?code=${nextCode()}&state=s`)
    const server = fakeServer({
      'POST /api/pelm/exchange': () => {
        throw new TypeError('Failed to fetch')
      },
    })
    const { wrapper } = providers(server.fetch)
    const { result } = renderHook(() => useConnectCallback(), { wrapper })
    await waitFor(() => expect(result.current.status).toBe('error'))
    expect(result.current.error).toMatchObject({ code: 'network_error', retryable: true })
  })

  test('a custom fetch that throws instead of rejecting settles the page on a typed error', async () => {
    visit(`?code=${nextCode()}&state=s`)
    const fetch = () => {
      throw new Error('no CSRF token yet')
    }
    const { wrapper } = providers(fetch)
    const { result } = renderHook(() => useConnectCallback(), { wrapper })
    await waitFor(() => expect(result.current.status).toBe('error'))
    expect(result.current.error).toMatchObject({ code: 'network_error' })
  })

  test('reads a custom router’s search string', async () => {
    const c = nextCode()
    visit('')
    const server = fakeServer()
    const { wrapper } = providers(server.fetch)
    const { result } = renderHook(() => useConnectCallback({ search: `code=${c}&state=r` }), {
      wrapper,
    })
    await waitFor(() => expect(result.current.status).toBe('success'))
    expect(server.calls('POST /api/pelm/exchange')).toEqual([{ code: c, state: 'r' }])
  })

  test('new callback identities do not re-run the exchange; the latest one is called', async () => {
    visit(`?code=${nextCode()}&state=s`)
    let answer: (response: Response) => void = () => {}
    const server = fakeServer({
      'POST /api/pelm/exchange': () => new Promise<Response>((resolve) => (answer = resolve)),
    })
    const first = vi.fn()
    const latest = vi.fn()
    const { wrapper } = providers(server.fetch)
    const { rerender } = render(<CallbackPage onSuccess={first} />, { wrapper })
    await waitFor(() => expect(server.fetch).toHaveBeenCalledOnce())
    rerender(<CallbackPage onSuccess={() => first()} />)
    rerender(<CallbackPage onSuccess={latest} />)
    answer(json({ connected: true, connection: connection('c1') }))
    await screen.findByText('Connected')
    expect(server.calls('POST /api/pelm/exchange')).toHaveLength(1)
    expect(first).not.toHaveBeenCalled()
    expect(latest).toHaveBeenCalledOnce()
  })

  test.each([
    ['onSuccess', `?code=${nextCode()}&state=s`, 'Connected'],
    ['onError', `?error=connect_max_attempted_logins&state=${nextCode()}`, 'Could not connect'],
    ['onExit', `?error=user_initiated_exit&state=${nextCode()}`, 'You left Connect'],
  ])(
    'an app %s that throws still settles the page, and its error is thrown again, uncaught',
    async (callback, search, shown) => {
      visit(search)
      const bug = new Error(`bug in the app's ${callback}`)
      const uncaught = catchMicrotaskErrors()
      const { wrapper } = providers(fakeServer().fetch)
      const throwing = () => {
        throw bug
      }
      render(<CallbackPage {...{ [callback]: throwing }} />, { wrapper })
      expect(await screen.findByText(new RegExp(shown))).toBeInTheDocument()
      await waitFor(() => expect(uncaught).toEqual([bug]))
    },
  )

  test.each(['__proto__', 'constructor', 'toString'])(
    '?error=%s is an error with that code and message, like any other (issue 18, item 15)',
    async (name) => {
      visit(`?error=${name}&state=${nextCode()}`)
      const onError = vi.fn()
      const { wrapper } = providers(fakeServer().fetch)
      render(<CallbackPage onError={onError} />, { wrapper })
      expect(await screen.findByRole('alert')).toHaveTextContent(
        `Could not connect: ${name} (${name})`,
      )
      expect(onError.mock.calls[0]?.[0]).toMatchObject({ code: name, message: name })
    },
  )

  test.each(['__proto__', 'constructor', 'hasOwnProperty'])(
    'a server error code "%s" is read as a code, never looked up',
    async (name) => {
      visit(`?code=${nextCode()}&state=s`)
      const server = fakeServer({
        'POST /api/pelm/exchange': () =>
          new Response(`{"error":{"code":"${name}","message":"Refused"}}`, { status: 400 }),
      })
      const { wrapper } = providers(server.fetch)
      render(<CallbackPage />, { wrapper })
      expect(await screen.findByRole('alert')).toHaveTextContent(
        `Could not connect: ${name} (Refused)`,
      )
    },
  )
})

/** The callback page in an app that resets the Pelm queries when it mounts. */
function ResetOnMount({ client }: { client: QueryClient }) {
  // a parent's effects run after the page's, before the exchange's first microtask
  useEffect(() => {
    void client.resetQueries({ queryKey: ['pelm'] })
  }, [client])
  return <CallbackPage />
}

describe('useConnectCallback when the app resets the Pelm queries (README "Signing in and out")', () => {
  // An auth listener that resets or clears on every session event also runs on the callback page
  // while the exchange is in flight: that cancels the query, never the exchange already sent.
  test.each([
    ['resetQueries', (client: QueryClient) => client.resetQueries({ queryKey: ['pelm'] })],
    ['clear', (client: QueryClient) => client.clear()],
  ])('%s() while the exchange runs: the page still settles on its outcome', async (_, reset) => {
    visit(`?code=${nextCode()}&state=s`)
    const exchange = held()
    const server = fakeServer({ 'POST /api/pelm/exchange': () => exchange.response })
    const onSuccess = vi.fn()
    const { wrapper, client } = providers(server.fetch)
    render(<CallbackPage onSuccess={onSuccess} />, { wrapper })
    await waitFor(() => expect(server.calls('POST /api/pelm/exchange')).toHaveLength(1))
    await act(async () => {
      await reset(client)
    })
    exchange.answer(json({ connected: true, connection: connection('c1') }))
    expect(await screen.findByText('Connected')).toBeInTheDocument()
    expect(server.calls('POST /api/pelm/exchange')).toHaveLength(1)
    expect(onSuccess).toHaveBeenCalledOnce()
  })

  test('a reset in the same commit (an app effect on mount): settles, one exchange', async () => {
    visit(`?code=${nextCode()}&state=s`)
    const server = fakeServer()
    const { wrapper, client } = providers(server.fetch)
    render(<ResetOnMount client={client} />, { wrapper })
    expect(await screen.findByText('Connected')).toBeInTheDocument()
    expect(server.calls('POST /api/pelm/exchange')).toHaveLength(1)
  })

  test('a page remounted during the exchange, then a reset: the new page settles too', async () => {
    const search = `code=${nextCode()}&state=s`
    const exchange = held()
    const server = fakeServer({ 'POST /api/pelm/exchange': () => exchange.response })
    const { wrapper, client } = providers(server.fetch)
    const first = render(<CallbackPage search={search} />, { wrapper })
    await waitFor(() => expect(server.calls('POST /api/pelm/exchange')).toHaveLength(1))
    first.unmount()
    render(<CallbackPage search={search} />, { wrapper })
    await act(() => client.resetQueries({ queryKey: ['pelm'] }))
    exchange.answer(json({ connected: true, connection: connection('c1') }))
    expect(await screen.findByText('Connected')).toBeInTheDocument()
    expect(server.calls('POST /api/pelm/exchange')).toHaveLength(1)
  })
})

describe('useConnectCallback and useConnections (the race of issue 14)', () => {
  test('a list request answered before the exchange stored the connection is not kept', async () => {
    visit(`?code=${nextCode()}&state=s`)
    let stored = false
    const early = held()
    let lists = 0
    const server = fakeServer({
      // the first list request is held, and answered with what the store held when it arrived
      'GET /api/pelm/connections': () =>
        ++lists === 1 ? early.response : json({ connections: stored ? [connection('c1')] : [] }),
      'POST /api/pelm/exchange': () => {
        stored = true
        return json({ connected: true, connection: connection('c1') })
      },
    })
    const { wrapper } = providers(server.fetch)
    render(<CallbackWithList />, { wrapper })
    await waitFor(() => expect(screen.getByRole('status')).toHaveTextContent('success'))
    // the held request ends now, with the answer it had before the token was stored
    early.answer(json({ connections: [] }))
    const list = screen.getByRole('list', { name: 'Connections' })
    await waitFor(() => expect(list).toHaveTextContent('Pacific Gas & Electric'))
    await new Promise((resolve) => setTimeout(resolve, 50))
    expect(list).toHaveTextContent('Pacific Gas & Electric')
    expect(lists).toBe(2)
  })

  test('a list already shown is refetched after the exchange as well', async () => {
    visit('')
    let stored = false
    const server = fakeServer({
      'GET /api/pelm/connections': () => json({ connections: stored ? [connection('c1')] : [] }),
      'POST /api/pelm/exchange': () => {
        stored = true
        return json({ connected: true, connection: connection('c1') })
      },
    })
    const { wrapper } = providers(server.fetch)
    const { rerender } = render(<CallbackWithList />, { wrapper })
    await waitFor(() => expect(server.calls('GET /api/pelm/connections')).toHaveLength(1))
    visit(`?code=${nextCode()}&state=s`)
    rerender(<CallbackWithList key="after-redirect" />)
    const list = screen.getByRole('list', { name: 'Connections' })
    await waitFor(() => expect(list).toHaveTextContent('Pacific Gas & Electric'))
  })
})

describe('useConnectCallback inside the popup', () => {
  test('reports to the opener with its own origin as target (the opener closes the popup)', async () => {
    visit(`?code=${nextCode()}&state=s`)
    const postMessage = vi.fn()
    vi.spyOn(window, 'opener', 'get').mockReturnValue({
      location: { origin: location.origin },
      postMessage,
    })
    const close = vi.spyOn(window, 'close').mockImplementation(() => {})
    const { wrapper } = providers(fakeServer().fetch)
    render(<CallbackPage />, { wrapper })
    await screen.findByText('Connected')
    expect(postMessage).toHaveBeenCalledExactlyOnceWith(
      { type: 'pelm:result', status: 'success', connection: connection('c1') },
      location.origin,
    )
    expect(close).not.toHaveBeenCalled()
  })

  test('reports an exit and errors as plain data', async () => {
    visit(`?error=user_initiated_exit&state=${nextCode()}`)
    const postMessage = vi.fn()
    vi.spyOn(window, 'opener', 'get').mockReturnValue({
      location: { origin: location.origin },
      postMessage,
    })
    const { wrapper } = providers(fakeServer().fetch)
    render(<CallbackPage />, { wrapper })
    await screen.findByText(/you left connect/i)
    expect(postMessage.mock.calls[0]?.[0]).toMatchObject({
      status: 'exited',
      exitReason: 'user_initiated_exit',
    })
  })

  test('without an opener (a redirect-mode callback) it posts nothing and still settles', async () => {
    visit(`?code=${nextCode()}&state=s`)
    const opener = vi.spyOn(window, 'opener', 'get').mockReturnValue(null)
    const { wrapper } = providers(fakeServer().fetch)
    render(<CallbackPage />, { wrapper })
    expect(await screen.findByText('Connected')).toBeInTheDocument()
    expect(opener).toHaveBeenCalled()
  })
})
