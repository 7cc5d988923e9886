import type { Meta, StoryObj } from '@storybook/react-vite'
import { HttpResponse } from 'msw'
import { useMemo } from 'react'
import { expect, fn, waitFor } from 'storybook/test'
import { CONNECTIONS, errorAnswer, hang, received, route } from '../../../.storybook/fakes/server'
import {
  type UseConnectCallbackOptions,
  type UseConnectCallbackResult,
  useConnectCallback,
} from './useConnectCallback'

const EXCHANGE = 'POST /api/pelm/exchange'

/**
 * Every mount is a new redirect from Pelm. The hook settles a callback URL once per tab (remounts
 * and reloads included), so the demo makes the `code` (or, without one, the `state`) unique.
 */
function freshRedirect(search: string): string {
  const params = new URLSearchParams(search)
  const unique = params.has('code') ? 'code' : 'state'
  const value = params.get(unique)
  if (value) params.set(unique, `${value}-${Math.random().toString(36).slice(2, 8)}`)
  return params.size > 0 ? `?${params}` : ''
}

/** What the callback page shows, as in the package README. */
export function CallbackOutcome({ result }: { result: UseConnectCallbackResult }) {
  switch (result.status) {
    case 'error':
      return (
        <p role="alert" className="sb-alert">
          Could not connect ({result.error.code}): {result.error.message}.{' '}
          <a href="/connect">Try again</a>
        </p>
      )
    case 'exited':
      return (
        <p role="status">
          No problem: <a href="/connect">connect later</a>.
        </p>
      )
    case 'idle':
      return (
        <p>
          Nothing to do here. <a href="/accounts">Back to your accounts</a>
        </p>
      )
    case 'success':
      return (
        <p role="status">
          Connected: {result.connection.utility?.name ?? 'your utility'} is linked.
        </p>
      )
    default:
      return <p role="status">Connecting your utility account…</p>
  }
}

/** The page at the server's `redirect_uri`, reading the query string Pelm sent (`search`). */
export function UseConnectCallbackDemo(options: UseConnectCallbackOptions) {
  const search = useMemo(() => freshRedirect(options.search ?? ''), [options.search])
  const result = useConnectCallback({ ...options, search })
  return (
    <>
      <p>
        Pelm sent the browser to <code>/pelm/callback{search}</code>
      </p>
      <CallbackOutcome result={result} />
    </>
  )
}

const meta = {
  title: 'Hooks/useConnectCallback',
  component: UseConnectCallbackDemo,
  excludeStories: /Demo$|Outcome$/,
  args: { search: '?code=pelm_code&state=st_1', onSuccess: fn(), onError: fn(), onExit: fn() },
  parameters: {
    docs: {
      description: {
        component:
          "For the page at the server's `redirect_uri`: `useConnectCallback(options?)` → `{ status, error, exitReason }` with `status` one of `idle | pending | success | error | exited`. It reads `code`, `state` and `error` from the URL (or `search`), exchanges the code once with `POST {basePath}/exchange` (StrictMode, remounts and reloads included; these stories run in StrictMode), removes them and `error_description` from the address bar, and inside a popup reports to the opener. On success the result (and `onSuccess`) carries the `connection` that was made or renewed.",
      },
      story: { height: '120px' },
    },
  },
} satisfies Meta<typeof UseConnectCallbackDemo>

export default meta
type Story = StoryObj<typeof meta>

/** No `code` or `error` in the URL (a reload after the URL was cleaned): nothing to do. */
export const Idle: Story = {
  args: { search: '' },
  play: async ({ canvas }) => {
    await expect(canvas.getByText(/nothing to do/i)).toBeInTheDocument()
    await expect(received.all()).toEqual([])
  },
}

/** The exchange is under way. */
export const Pending: Story = {
  parameters: { msw: { handlers: { exchange: route('post', '/exchange', hang) } } },
  play: async ({ canvas }) => {
    await waitFor(() => expect(received.bodies(EXCHANGE)).toHaveLength(1))
    await expect(canvas.getByRole('status')).toHaveTextContent('Connecting your utility account…')
  },
}

/** A server that answers every exchange with this connection (the fake checks states). */
const connected = route('post', '/exchange', () =>
  HttpResponse.json({ connected: true, connection: CONNECTIONS.pge }),
)

/**
 * Exchanged once (even in StrictMode): connected, `onSuccess(connection)` called once, and the
 * result carries the connection that was made.
 */
export const Success: Story = {
  parameters: { msw: { handlers: { exchange: connected } } },
  play: async ({ canvas, args }) => {
    await waitFor(() =>
      expect(canvas.getByRole('status')).toHaveTextContent(
        'Connected: Pacific Gas & Electric is linked.',
      ),
    )
    await expect(received.bodies(EXCHANGE)).toEqual([
      { code: expect.stringMatching(/^pelm_code-/), state: 'st_1' },
    ])
    await expect(args.onSuccess).toHaveBeenCalledOnce()
    await expect(args.onSuccess).toHaveBeenCalledWith(CONNECTIONS.pge)
  },
}

const appBug = new Error("A bug in the app's onSuccess")
/** What reached `window.onerror` during the story. */
const uncaught: unknown[] = []

/**
 * The app's `onSuccess` throws: the page still settles on the connection, and the browser reports
 * the app's error as uncaught (the console, `window.onerror`, error monitoring), once.
 */
export const ThrowingCallback: Story = {
  name: 'Success, with an onSuccess that throws',
  args: {
    onSuccess: fn(() => {
      throw appBug
    }),
  },
  parameters: {
    msw: { handlers: { exchange: connected } },
    // the app's error is meant to be uncaught; the play function checks it is the only one
    test: { dangerouslyIgnoreUnhandledErrors: true },
  },
  beforeEach: () => {
    uncaught.length = 0
    const record = (event: ErrorEvent) => uncaught.push(event.error)
    addEventListener('error', record)
    return () => removeEventListener('error', record)
  },
  play: async ({ canvas, args }) => {
    await waitFor(() =>
      expect(canvas.getByRole('status')).toHaveTextContent(
        'Connected: Pacific Gas & Electric is linked.',
      ),
    )
    await expect(args.onSuccess).toHaveBeenCalledOnce()
    await waitFor(() => expect(uncaught).toEqual([appBug]))
  },
}

/** The server refused the exchange (`409 state_used`): announced in a `role="alert"`. */
export const ServerError: Story = {
  name: 'Error from the server',
  parameters: {
    msw: {
      handlers: {
        exchange: route('post', '/exchange', () =>
          errorAnswer(409, 'state_used', 'This callback was already used'),
        ),
      },
    },
  },
  play: async ({ canvas, args }) => {
    await waitFor(() => expect(canvas.getByRole('alert')).toHaveTextContent('state_used'))
    await expect(received.bodies(EXCHANGE)).toHaveLength(1)
    await expect(args.onError).toHaveBeenCalledOnce()
    await expect(args.onError).toHaveBeenCalledWith(
      expect.objectContaining({ code: 'state_used', status: 409, retryable: false }),
    )
  },
}

/** The request never reached the server: a retryable `network_error`. */
export const NetworkError: Story = {
  name: 'Error: network',
  parameters: {
    msw: { handlers: { exchange: route('post', '/exchange', () => HttpResponse.error()) } },
  },
  play: async ({ canvas, args }) => {
    await waitFor(() => expect(canvas.getByRole('alert')).toHaveTextContent('network_error'))
    await expect(args.onError).toHaveBeenCalledWith(
      expect.objectContaining({ code: 'network_error', retryable: true }),
    )
  },
}

/** Pelm sent `?error=<code>`: an error without any exchange. */
export const PelmError: Story = {
  name: 'Error from Pelm',
  args: { search: '?error=connect_max_attempted_logins&state=st_1' },
  play: async ({ canvas, args }) => {
    await waitFor(() =>
      expect(canvas.getByRole('alert')).toHaveTextContent('connect_max_attempted_logins'),
    )
    await expect(received.all()).toEqual([])
    await expect(args.onError).toHaveBeenCalledOnce()
  },
}

/** The user quit Connect (`?error=user_initiated_exit`): `onExit`, no exchange. */
export const Exited: Story = {
  args: { search: '?error=user_initiated_exit&state=st_1' },
  play: async ({ canvas, args }) => {
    await waitFor(() => expect(canvas.getByRole('status')).toHaveTextContent('No problem'))
    await expect(args.onExit).toHaveBeenCalledOnce()
    await expect(args.onExit).toHaveBeenCalledWith({ reason: 'user_initiated_exit' })
    await expect(received.all()).toEqual([])
  },
}
