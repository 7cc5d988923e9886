import type { Meta, StoryObj } from '@storybook/react-vite'
import { delay } from 'msw'
import { useState } from 'react'
import { expect, fn, waitFor } from 'storybook/test'
import { fakeBrowser } from '../../../.storybook/fakes/browser'
import {
  answers,
  CONNECTIONS,
  connectUrlFor,
  errorAnswer,
  hang,
  issueConnectUrl,
  pelmHandlers,
  received,
  route,
} from '../../../.storybook/fakes/server'
import { withStateReadout } from '../../../.storybook/StateReadout'
import { ConnectButton, type ConnectButtonProps } from './ConnectButton'
import { PelmProvider } from './PelmProvider'

const CONNECT_TOKEN = 'POST /api/pelm/connect-token'
const upstreamError = () => errorAnswer(502, 'upstream_error', 'Pelm is not answering')
const unauthenticated = () => errorAnswer(401, 'unauthenticated', 'Sign in to connect a utility')

const meta = {
  title: 'Components/ConnectButton',
  component: ConnectButton,
  decorators: [withStateReadout],
  args: { onSuccess: fn(), onError: fn(), onExit: fn() },
  argTypes: {
    mode: { control: 'inline-radio', options: ['redirect', 'popup'] },
    children: { control: 'text' },
  },
  parameters: {
    docs: {
      description: {
        component:
          'A native `<button type="button">` that opens Pelm Connect. It prefetches the connect URL from `POST {basePath}/connect-token` when it mounts, so a click navigates at once. Style it through `className`, `data-state` (`loading | ready | error | redirecting`) and `aria-busy`. In these stories the server routes are faked with msw and navigation is held inside Storybook.',
      },
    },
  },
} satisfies Meta<typeof ConnectButton>

export default meta
type Story = StoryObj<typeof meta>

/** The connect URL was prefetched: a click navigates at once. */
export const Ready: Story = {
  play: async ({ canvas }) => {
    const button = canvas.getByRole('button', { name: 'Connect utility account' })
    await waitFor(() => expect(button).toHaveAttribute('data-state', 'ready'))
    await expect(button).toHaveAttribute('aria-busy', 'false')
    await expect(button).toHaveAttribute('type', 'button')
    // StrictMode mounts twice; react-query shares one request
    await expect(received.bodies(CONNECT_TOKEN)).toEqual([{}])
  },
}

/** The connect URL is being fetched. The button stays clickable: a click waits for the URL. */
export const Loading: Story = {
  parameters: { msw: { handlers: { connectToken: route('post', '/connect-token', hang) } } },
  play: async ({ canvas }) => {
    const button = canvas.getByRole('button')
    await waitFor(() => expect(received.bodies(CONNECT_TOKEN)).toHaveLength(1))
    await expect(button).toHaveAttribute('data-state', 'loading')
    await expect(button).toHaveAttribute('aria-busy', 'true')
    await expect(button).toBeEnabled()
  },
}

/**
 * The prefetch failed (`502 upstream_error`, retried twice by the QueryClient these stories use). A
 * click tries again; here the server has recovered, so the click navigates.
 */
export const ErrorWithRetry: Story = {
  name: 'Error, then retry',
  parameters: {
    msw: {
      handlers: {
        connectToken: route(
          'post',
          '/connect-token',
          answers(upstreamError, upstreamError, upstreamError, issueConnectUrl()),
        ),
      },
    },
  },
  play: async ({ canvas, userEvent, args }) => {
    const button = canvas.getByRole('button')
    await waitFor(() => expect(button).toHaveAttribute('data-state', 'error'))
    await expect(button).toHaveAttribute('aria-busy', 'false')
    await expect(received.bodies(CONNECT_TOKEN)).toHaveLength(3)
    await userEvent.click(button)
    await waitFor(() => expect(fakeBrowser.lastUrl('navigation')).toBe(connectUrlFor(1)))
    await expect(args.onError).not.toHaveBeenCalled()
  },
}

function WithErrorAlert(props: ConnectButtonProps) {
  const [message, setMessage] = useState<string>()
  return (
    <>
      <ConnectButton
        {...props}
        onError={(error) => {
          props.onError?.(error)
          setMessage(`${error.message} (${error.code})`)
        }}
      />
      <p role="alert" className="sb-alert">
        {message}
      </p>
    </>
  )
}

/**
 * A click that cannot get a connect URL calls `onError` with a `PelmConnectError`; the app
 * announces it (here in a `role="alert"` region). A `401` is not retried.
 */
export const ErrorAnnounced: Story = {
  name: 'Error announced by onError',
  parameters: {
    msw: { handlers: { connectToken: route('post', '/connect-token', unauthenticated) } },
  },
  render: (args) => <WithErrorAlert {...args} />,
  play: async ({ canvas, userEvent, args }) => {
    const button = canvas.getByRole('button')
    await waitFor(() => expect(button).toHaveAttribute('data-state', 'error'))
    await expect(received.bodies(CONNECT_TOKEN)).toHaveLength(1)
    await userEvent.click(button)
    await waitFor(() =>
      expect(canvas.getByRole('alert')).toHaveTextContent(
        'Sign in to connect a utility (unauthenticated)',
      ),
    )
    await expect(args.onError).toHaveBeenCalledOnce()
    await expect(args.onError).toHaveBeenCalledWith(
      expect.objectContaining({ name: 'PelmConnectError', code: 'unauthenticated', status: 401 }),
    )
    await expect(button).toHaveAttribute('data-state', 'error')
    await expect(fakeBrowser.departures()).toEqual([])
  },
}

/** After a click: the tab is on its way to Pelm Connect (held here by Storybook). */
export const Redirecting: Story = {
  play: async ({ canvas, userEvent }) => {
    const button = canvas.getByRole('button')
    await waitFor(() => expect(button).toHaveAttribute('data-state', 'ready'))
    await userEvent.click(button)
    await waitFor(() => expect(fakeBrowser.lastUrl('navigation')).toBe(connectUrlFor(1)))
    await expect(button).toHaveAttribute('data-state', 'redirecting')
    await expect(button).toHaveAttribute('aria-busy', 'true')
    // the prefetched URL was used: no request between the click and the navigation
    await expect(received.bodies(CONNECT_TOKEN)).toHaveLength(1)
    await expect(canvas.getByRole('status')).toHaveTextContent('Navigated to Connect')
  },
}

/**
 * The user pressed Back on Pelm Connect and the browser restored the page from its cache:
 * `onExit({ reason: 'navigated_back' })` and the button is ready again. Nothing is fetched: Forward
 * may still lead into that Connect session, and its URL, never exchanged, still works for the next
 * click.
 */
export const BackFromConnect: Story = {
  name: 'Back from Connect',
  play: async ({ canvas, userEvent, args }) => {
    const button = canvas.getByRole('button', { name: 'Connect utility account' })
    await waitFor(() => expect(button).toHaveAttribute('data-state', 'ready'))
    await userEvent.click(button)
    await userEvent.click(await canvas.findByRole('button', { name: /come back/i }))
    await expect(args.onExit).toHaveBeenCalledWith({ reason: 'navigated_back' })
    await expect(button).toHaveAttribute('data-state', 'ready')
    await userEvent.click(button)
    await waitFor(() => expect(fakeBrowser.lastUrl('navigation')).toBe(connectUrlFor(1)))
    await expect(received.bodies(CONNECT_TOKEN)).toHaveLength(1)
  },
}

/**
 * The navigation to Connect was cancelled (Stop or Esc while Connect loads, "Stay" on a
 * leave-page prompt; here Storybook cancels it): the page is still here three seconds later, so
 * the button is ready again, with no callback. (Without this, it stayed `redirecting` for good.)
 */
export const NavigationCancelled: Story = {
  name: 'Navigation cancelled',
  parameters: { pelm: { browserChrome: false } },
  play: async ({ canvas, userEvent, args }) => {
    const button = canvas.getByRole('button', { name: 'Connect utility account' })
    await waitFor(() => expect(button).toHaveAttribute('data-state', 'ready'))
    await userEvent.click(button)
    await expect(button).toHaveAttribute('data-state', 'redirecting')
    await waitFor(() => expect(fakeBrowser.lastUrl('navigation')).toBe(connectUrlFor(1)))
    await waitFor(() => expect(button).toHaveAttribute('data-state', 'ready'), { timeout: 4_000 })
    await expect(button).toHaveAttribute('aria-busy', 'false')
    await expect(args.onExit).not.toHaveBeenCalled()
    await userEvent.click(button)
    await expect(button).toHaveAttribute('data-state', 'redirecting')
  },
}

/**
 * `connectionId` reconnects that connection: the prefetch asks for update mode for it, and the
 * callback's `connection` is the renewed one.
 */
export const Reconnect: Story = {
  args: { connectionId: 'conn_sce', children: 'Reconnect Southern California Edison' },
  parameters: { pelm: { connections: [CONNECTIONS.sceNeedsReconnect] } },
  play: async ({ canvas, userEvent }) => {
    const button = canvas.getByRole('button', { name: 'Reconnect Southern California Edison' })
    await waitFor(() => expect(button).toHaveAttribute('data-state', 'ready'))
    await expect(received.bodies(CONNECT_TOKEN)).toEqual([{ connectionId: 'conn_sce' }])
    await userEvent.click(button)
    await waitFor(() => expect(fakeBrowser.lastUrl('navigation')).toBe(connectUrlFor(1)))
  },
}

/** A connection id the server does not know (gone, or someone else's): `404 connection_not_found`. */
export const ReconnectUnknown: Story = {
  name: 'Reconnect: unknown connection',
  args: { connectionId: 'conn_gone', children: 'Reconnect' },
  play: async ({ canvas }) => {
    const button = canvas.getByRole('button', { name: 'Reconnect' })
    await waitFor(() => expect(button).toHaveAttribute('data-state', 'error'))
  },
}

const slowForPge = route('post', '/connect-token', async (body, request) => {
  if ((body as { utilitySlug?: string }).utilitySlug === 'pge') await delay(1_500)
  return issueConnectUrl()(body, request)
})

/**
 * Two buttons, one of whose prefetches is slow: each click uses its own button's URL at once,
 * whatever the other is still waiting for (every issued state stays valid on the server).
 */
export const TwoUtilitiesOneSlow: Story = {
  name: 'Two utilities, one slow prefetch',
  parameters: { pelm: { stateReadout: false }, msw: { handlers: { connectToken: slowForPge } } },
  render: (args) => (
    <div style={{ display: 'flex', gap: 12 }}>
      <ConnectButton {...args} utilitySlug="pge">
        Connect PG&E
      </ConnectButton>
      <ConnectButton {...args} utilitySlug="sce">
        Connect SCE
      </ConnectButton>
    </div>
  ),
  play: async ({ canvas, userEvent }) => {
    const pge = canvas.getByRole('button', { name: 'Connect PG&E' })
    const sce = canvas.getByRole('button', { name: 'Connect SCE' })
    await waitFor(() => expect(sce).toHaveAttribute('data-state', 'ready'))
    await expect(pge).toHaveAttribute('data-state', 'loading')
    // token 1 went to SCE (PG&E's answer is still on its way)
    await userEvent.click(sce)
    await waitFor(() => expect(fakeBrowser.lastUrl('navigation')).toBe(connectUrlFor(1)))
    await expect(received.bodies(CONNECT_TOKEN)).toHaveLength(2)
    await waitFor(() => expect(pge).toHaveAttribute('data-state', 'ready'), { timeout: 3_000 })
    await expect(fakeBrowser.lastUrl('navigation')).toBe(connectUrlFor(1))
  },
}

/** `disabled` is passed to the native button: clicks do nothing. */
export const Disabled: Story = {
  args: { disabled: true },
  play: async ({ canvas, userEvent }) => {
    const button = canvas.getByRole('button')
    await expect(button).toBeDisabled()
    await waitFor(() => expect(button).toHaveAttribute('data-state', 'ready'))
    await userEvent.click(button)
    await expect(fakeBrowser.departures()).toEqual([])
  },
}

/** `children` is the label; `utilitySlug` (or `utilityId`) skips Pelm's utility selection. */
export const CustomLabel: Story = {
  name: 'Custom label and utility',
  args: { children: 'Connect PG&E', utilitySlug: 'pge' },
  play: async ({ canvas }) => {
    const button = canvas.getByRole('button', { name: 'Connect PG&E' })
    await waitFor(() => expect(button).toHaveAttribute('data-state', 'ready'))
    await expect(received.bodies(CONNECT_TOKEN)).toEqual([{ utilitySlug: 'pge' }])
  },
}

/**
 * `className` and the state attributes are all an app needs to style the button: `.acme-button`
 * (Storybook's stylesheet) keys its looks on `data-state` and `:disabled`.
 */
export const WithClassName: Story = {
  name: 'Styled with className',
  args: { className: 'acme-button', children: 'Link your utility' },
  play: async ({ canvas }) => {
    const button = canvas.getByRole('button', { name: 'Link your utility' })
    await expect(button).toHaveClass('acme-button')
    await waitFor(() => expect(button).toHaveAttribute('data-state', 'ready'))
  },
}

/**
 * `mode="popup"`: the click opens a popup window (drawn here as a panel, since Storybook replaces
 * `window.open`) and points it at the connect URL; this tab stays. Outcomes: "ConnectButton in
 * popup mode".
 */
export const PopupMode: Story = {
  name: 'Popup mode',
  args: { mode: 'popup' },
  play: async ({ canvas, userEvent }) => {
    const button = canvas.getByRole('button')
    await waitFor(() => expect(button).toHaveAttribute('data-state', 'ready'))
    await userEvent.click(button)
    await waitFor(() => expect(fakeBrowser.popup()?.url).toBe(connectUrlFor(1)))
    await expect(button).toHaveAttribute('data-state', 'redirecting')
    await expect(fakeBrowser.lastUrl('navigation')).toBeUndefined()
  },
}

/**
 * The connect URL expires 61 seconds after it was issued, so one second later it is inside the
 * one-minute refresh margin. The button refreshes it (by timer in an app; here when the tab
 * regains focus, which the play function simulates) without leaving `ready`, and a click uses the
 * fresh URL.
 */
export const TokenRefreshNearExpiry: Story = {
  name: 'Token refresh near expiry',
  parameters: {
    msw: {
      handlers: {
        connectToken: route(
          'post',
          '/connect-token',
          answers(issueConnectUrl({ expiresInMs: 61_000 }), issueConnectUrl()),
        ),
      },
    },
  },
  play: async ({ canvas, userEvent }) => {
    const button = canvas.getByRole('button')
    await waitFor(() => expect(button).toHaveAttribute('data-state', 'ready'))
    await new Promise((resolve) => setTimeout(resolve, 1_100))
    dispatchEvent(new Event('visibilitychange'))
    await waitFor(() => expect(received.bodies(CONNECT_TOKEN)).toHaveLength(2))
    await expect(button).toHaveAttribute('data-state', 'ready')
    await userEvent.click(button)
    await waitFor(() => expect(fakeBrowser.lastUrl('navigation')).toBe(connectUrlFor(2)))
  },
}

const GALLERY = {
  ready: '/gallery/ready',
  loading: '/gallery/loading',
  error: '/gallery/error',
}

/** Every state side by side with the same `className`, for design review. */
export const StyledStates: Story = {
  name: 'Styled, every state',
  args: { className: 'acme-button' },
  parameters: {
    pelm: { browserChrome: false, stateReadout: false },
    msw: {
      handlers: {
        ...pelmHandlers(GALLERY.ready),
        loading: route('post', '/connect-token', hang, GALLERY.loading),
        error: route('post', '/connect-token', unauthenticated, GALLERY.error),
      },
    },
  },
  render: (args) => (
    <div style={{ display: 'flex', flexWrap: 'wrap', gap: 12 }}>
      {(['ready', 'loading', 'error'] as const).map((state) => (
        <PelmProvider key={state} basePath={`${GALLERY[state]}`}>
          <ConnectButton {...args}>{`Connect (${state})`}</ConnectButton>
        </PelmProvider>
      ))}
      <PelmProvider basePath={GALLERY.ready}>
        <ConnectButton {...args} mode="popup">
          Connect (redirecting)
        </ConnectButton>
      </PelmProvider>
      <PelmProvider basePath={GALLERY.ready}>
        <ConnectButton {...args} disabled>
          Connect (disabled)
        </ConnectButton>
      </PelmProvider>
    </div>
  ),
  play: async ({ canvas, userEvent }) => {
    for (const state of ['ready', 'loading', 'error'] as const) {
      const button = canvas.getByRole('button', { name: `Connect (${state})` })
      await waitFor(() => expect(button).toHaveAttribute('data-state', state))
    }
    const redirecting = canvas.getByRole('button', { name: 'Connect (redirecting)' })
    await waitFor(() => expect(redirecting).toHaveAttribute('data-state', 'ready'))
    await userEvent.click(redirecting)
    await expect(redirecting).toHaveAttribute('data-state', 'redirecting')
    await expect(canvas.getByRole('button', { name: 'Connect (disabled)' })).toBeDisabled()
  },
}
