import type { Meta, StoryObj } from '@storybook/react-vite'
import { expect, fn, waitFor } from 'storybook/test'
import { fakeBrowser } from '../../../.storybook/fakes/browser'
import { connectUrlFor, errorAnswer, hang, received, route } from '../../../.storybook/fakes/server'
import { type UseConnectOptions, useConnect } from './useConnect'

/** Renders what `useConnect(options)` returns, with the app's own button calling `open`. */
export function UseConnectDemo(options: UseConnectOptions) {
  const { open, ready, status, error } = useConnect(options)
  return (
    <>
      <dl className="sb-status">
        <dt>status</dt>
        <dd data-testid="status">{status}</dd>
        <dt>ready</dt>
        <dd data-testid="ready">{String(ready)}</dd>
        <dt>error</dt>
        <dd data-testid="error">{error ? `${error.code}: ${error.message}` : 'null'}</dd>
      </dl>
      <button type="button" className="acme-button" onClick={open} aria-busy={status !== 'ready'}>
        Connect with my own button
      </button>
    </>
  )
}

const meta = {
  title: 'Hooks/useConnect',
  component: UseConnectDemo,
  excludeStories: /Demo$/,
  args: { onSuccess: fn(), onError: fn(), onExit: fn() },
  argTypes: { mode: { control: 'inline-radio', options: ['redirect', 'popup'] } },
  parameters: {
    docs: {
      description: {
        component:
          "The headless form of `ConnectButton`: `useConnect(options)` → `{ open, ready, status, error }`. The table lists the options (`UseConnectOptions`). `open()` starts Connect; call it from a click handler (popup mode opens its window synchronously). `ready` is true while a fresh, unexpired URL is cached; `status` is the button's `data-state`; `error` is a `PelmConnectError` while `status` is `error`.",
      },
      story: { height: '230px' },
    },
  },
} satisfies Meta<typeof UseConnectDemo>

export default meta
type Story = StoryObj<typeof meta>

/** Fetching the connect URL. */
export const Loading: Story = {
  parameters: { msw: { handlers: { connectToken: route('post', '/connect-token', hang) } } },
  play: async ({ canvas }) => {
    await waitFor(() => expect(received.all()).toHaveLength(1))
    await expect(canvas.getByTestId('status')).toHaveTextContent('loading')
    await expect(canvas.getByTestId('ready')).toHaveTextContent('false')
  },
}

/** A fresh URL is cached: `open()` navigates with no network wait. */
export const Ready: Story = {
  play: async ({ canvas }) => {
    await waitFor(() => expect(canvas.getByTestId('status')).toHaveTextContent('ready'))
    await expect(canvas.getByTestId('ready')).toHaveTextContent('true')
    await expect(canvas.getByTestId('error')).toHaveTextContent('null')
  },
}

/** The prefetch failed: `error` is the server's `PelmConnectError`. */
export const Failed: Story = {
  name: 'Error',
  parameters: {
    msw: {
      handlers: {
        connectToken: route('post', '/connect-token', () =>
          errorAnswer(401, 'unauthenticated', 'Sign in first'),
        ),
      },
    },
  },
  play: async ({ canvas }) => {
    await waitFor(() => expect(canvas.getByTestId('status')).toHaveTextContent('error'))
    await expect(canvas.getByTestId('error')).toHaveTextContent('unauthenticated: Sign in first')
  },
}

/** `open()` was called: the tab is leaving for Connect (held here). */
export const Redirecting: Story = {
  play: async ({ canvas, userEvent }) => {
    await waitFor(() => expect(canvas.getByTestId('status')).toHaveTextContent('ready'))
    await userEvent.click(canvas.getByRole('button', { name: 'Connect with my own button' }))
    await expect(canvas.getByTestId('status')).toHaveTextContent('redirecting')
    await waitFor(() => expect(fakeBrowser.lastUrl('navigation')).toBe(connectUrlFor(1)))
  },
}

/** `mode: 'popup'` with `utilitySlug`: the popup opens on a URL that skips utility selection. */
export const Popup: Story = {
  args: { mode: 'popup', utilitySlug: 'pge' },
  parameters: { docs: { story: { height: '330px' } } },
  play: async ({ canvas, userEvent }) => {
    await waitFor(() => expect(canvas.getByTestId('status')).toHaveTextContent('ready'))
    await expect(received.bodies('POST /api/pelm/connect-token')).toEqual([{ utilitySlug: 'pge' }])
    await userEvent.click(canvas.getByRole('button', { name: 'Connect with my own button' }))
    await waitFor(() => expect(fakeBrowser.popup()?.url).toBe(connectUrlFor(1)))
    await expect(canvas.getByTestId('status')).toHaveTextContent('redirecting')
  },
}
