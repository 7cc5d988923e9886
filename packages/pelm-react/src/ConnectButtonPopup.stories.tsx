import type { Meta, StoryObj } from '@storybook/react-vite'
import { expect, fn, waitFor, within } from 'storybook/test'
import { fakeBrowser } from '../../../.storybook/fakes/browser'
import { connectUrlFor, received } from '../../../.storybook/fakes/server'
import { withStateReadout } from '../../../.storybook/StateReadout'
import { ConnectButton } from './ConnectButton'

const meta = {
  title: 'Components/ConnectButton in popup mode',
  component: ConnectButton,
  decorators: [withStateReadout],
  args: { mode: 'popup', onSuccess: fn(), onError: fn(), onExit: fn() },
  parameters: {
    docs: {
      description: {
        component:
          'How a popup attempt ends. The click opens a popup synchronously and points it at the connect URL; the callback page inside the popup posts the outcome to this window, which closes the popup and calls `onSuccess`, `onError` or `onExit`. Storybook stands in for the popup with a panel whose buttons post what the callback page would.',
      },
      story: { height: '260px' },
    },
  },
  play: async ({ canvas, userEvent }) => {
    const button = canvas.getByRole('button', { name: 'Connect utility account' })
    await waitFor(() => expect(button).toHaveAttribute('data-state', 'ready'))
    await userEvent.click(button)
    await waitFor(() => expect(fakeBrowser.popup()?.url).toBe(connectUrlFor(1)))
    await expect(button).toHaveAttribute('data-state', 'redirecting')
  },
} satisfies Meta<typeof ConnectButton>

export default meta
type Story = StoryObj<typeof meta>

const CONNECT_TOKEN = 'POST /api/pelm/connect-token'

/** The popup is open on Pelm Connect; this tab waits in `redirecting`. */
export const Open: Story = {}

/**
 * The user connected in the popup: `onSuccess(connection)`, the popup closes, a fresh URL is
 * prefetched (this one's state was used).
 */
export const Success: Story = {
  play: async (context) => {
    await meta.play(context)
    const { canvas, userEvent, args } = context
    await userEvent.click(canvas.getByRole('button', { name: /finish/i }))
    // the callback page in the popup exchanged the code, then reported to this window
    await waitFor(() => expect(args.onSuccess).toHaveBeenCalledOnce())
    await expect(args.onSuccess).toHaveBeenCalledWith(
      expect.objectContaining({ id: 'conn_1', status: 'active' }),
    )
    await expect(received.bodies('POST /api/pelm/exchange')).toHaveLength(1)
    await expect(fakeBrowser.popup()?.closed).toBe(true)
    await waitFor(() => expect(received.bodies(CONNECT_TOKEN)).toHaveLength(2))
    await waitFor(() =>
      expect(canvas.getByRole('button', { name: 'Connect utility account' })).toHaveAttribute(
        'data-state',
        'ready',
      ),
    )
  },
}

/** The user quit inside Connect: `onExit({ reason: 'user_initiated_exit' })`. */
export const UserExit: Story = {
  name: 'User quits Connect',
  play: async (context) => {
    await meta.play(context)
    const { canvas, userEvent, args } = context
    await userEvent.click(canvas.getByRole('button', { name: /quit connect/i }))
    await expect(args.onExit).toHaveBeenCalledWith({ reason: 'user_initiated_exit' })
    await expect(args.onSuccess).not.toHaveBeenCalled()
  },
}

/** Pelm reported an error to the callback page: `onError` with its code, and `data-state="error"`. */
export const ConnectError: Story = {
  name: 'Error in Connect',
  play: async (context) => {
    await meta.play(context)
    const { canvas, userEvent, args } = context
    await userEvent.click(canvas.getByRole('button', { name: /fail/i }))
    await expect(args.onError).toHaveBeenCalledWith(
      expect.objectContaining({ code: 'connect_max_attempted_logins' }),
    )
    await expect(canvas.getByRole('button', { name: 'Connect utility account' })).toHaveAttribute(
      'data-state',
      'error',
    )
  },
}

/** The user closed the popup window: `onExit({ reason: 'popup_closed' })` (polled every 500 ms). */
export const ClosedByUser: Story = {
  name: 'Popup closed by the user',
  play: async (context) => {
    await meta.play(context)
    const { canvas, userEvent, args } = context
    await userEvent.click(canvas.getByRole('button', { name: /close the window/i }))
    await waitFor(() => expect(args.onExit).toHaveBeenCalledWith({ reason: 'popup_closed' }), {
      timeout: 3_000,
    })
  },
}

/** A popup blocker made `window.open` return `null`: the button falls back to redirect mode. */
export const Blocked: Story = {
  name: 'Popup blocked: falls back to redirect',
  parameters: { pelm: { blockPopups: true } },
  play: async ({ canvas, userEvent }) => {
    const button = canvas.getByRole('button')
    await waitFor(() => expect(button).toHaveAttribute('data-state', 'ready'))
    await userEvent.click(button)
    await waitFor(() => expect(fakeBrowser.lastUrl('navigation')).toBe(connectUrlFor(1)))
    await expect(fakeBrowser.popup()).toBeUndefined()
  },
}

/** The SCE button's `onSuccess` in the story below (the PG&E button has the story's). */
const sceSucceeded = fn()

/**
 * Two buttons in popup mode: each click opens its own window (never the other's, as a shared
 * window name would), and a result reaches only the button whose popup sent it.
 */
export const TwoPopups: Story = {
  name: 'Two buttons, two popups',
  parameters: { pelm: { stateReadout: false }, docs: { story: { height: '420px' } } },
  render: (args) => (
    <div style={{ display: 'flex', gap: 12 }}>
      <ConnectButton {...args} utilitySlug="pge">
        Connect PG&E
      </ConnectButton>
      <ConnectButton {...args} onSuccess={sceSucceeded} utilitySlug="sce">
        Connect SCE
      </ConnectButton>
    </div>
  ),
  play: async ({ canvas, userEvent, args }) => {
    sceSucceeded.mockClear()
    const pge = canvas.getByRole('button', { name: 'Connect PG&E' })
    const sce = canvas.getByRole('button', { name: 'Connect SCE' })
    await waitFor(() => expect(pge).toHaveAttribute('data-state', 'ready'))
    await waitFor(() => expect(sce).toHaveAttribute('data-state', 'ready'))
    await userEvent.click(pge)
    await userEvent.click(sce)
    await waitFor(() => expect(fakeBrowser.popups()).toHaveLength(2))
    const [first, second] = fakeBrowser.popups()
    await waitFor(() => expect(second?.url).toMatch(/connect_token/))
    await expect(first?.url).not.toBe(second?.url)
    const popup1 = canvas.getByRole('region', { name: 'Popup window 1 (simulated)' })
    await userEvent.click(within(popup1).getByRole('button', { name: /finish/i }))
    // PG&E's onSuccess; SCE's button heard nothing
    await waitFor(() => expect(args.onSuccess).toHaveBeenCalledOnce())
    await expect(sceSucceeded).not.toHaveBeenCalled()
    await expect(sce).toHaveAttribute('data-state', 'redirecting')
    await expect(fakeBrowser.popups()[1]?.closed).toBe(false)
  },
}
