import type { Meta, StoryObj } from '@storybook/react-vite'
import { expect, fn, waitFor } from 'storybook/test'
import { errorAnswer, hang, received, route } from '../../../.storybook/fakes/server'
import { useConnection } from './useConnection'
import { type UseDisconnectOptions, useDisconnect } from './useDisconnect'

/** A connection status with a Disconnect button, as in the package README. */
export function UseDisconnectDemo(options: UseDisconnectOptions) {
  const { data } = useConnection()
  const disconnect = useDisconnect(options)
  return (
    <>
      <p role="status">
        {data === undefined ? 'Checking…' : data.connected ? 'Connected.' : 'Not connected.'}
      </p>
      {data?.connected && (
        <button
          type="button"
          className="acme-button"
          onClick={() => disconnect.mutate()}
          disabled={disconnect.isPending}
        >
          {disconnect.isPending ? 'Disconnecting…' : 'Disconnect'}
        </button>
      )}
      {disconnect.error && (
        <p role="alert" className="sb-alert">
          Could not disconnect ({disconnect.error.code}): {disconnect.error.message}
        </p>
      )}
    </>
  )
}

const meta = {
  title: 'Hooks/useDisconnect',
  component: UseDisconnectDemo,
  excludeStories: /Demo$/,
  args: { onSuccess: fn(), onError: fn() },
  argTypes: {
    onSuccess: { description: 'react-query option: the connection was removed' },
    onError: { description: 'react-query option: called with the `PelmConnectError`' },
  },
  parameters: {
    pelm: { connected: true },
    docs: {
      description: {
        component:
          "Removes the user's Pelm connection: `useDisconnect(options?)` is react-query's `useMutation` over `DELETE {basePath}/connection`; call `mutate()`. It refreshes `useConnection` before the mutation settles, so the page never shows a stale \"connected\". `options` are react-query's mutation options without `mutationFn` (`UseDisconnectOptions`).",
      },
      story: { height: '130px' },
    },
  },
} satisfies Meta<typeof UseDisconnectDemo>

export default meta
type Story = StoryObj<typeof meta>

const DISCONNECT = 'DELETE /api/pelm/connection'

/** Connected; the button disconnects. */
export const Connected: Story = {
  play: async ({ canvas }) => {
    await expect(await canvas.findByRole('button', { name: 'Disconnect' })).toBeEnabled()
  },
}

/** The `DELETE` is under way. */
export const Pending: Story = {
  parameters: { msw: { handlers: { disconnect: route('delete', '/connection', hang) } } },
  play: async ({ canvas, userEvent }) => {
    await userEvent.click(await canvas.findByRole('button', { name: 'Disconnect' }))
    await expect(await canvas.findByRole('button', { name: 'Disconnecting…' })).toBeDisabled()
  },
}

/** Disconnected: one `DELETE`, the connection refreshed, then `onSuccess`. */
export const Disconnected: Story = {
  play: async ({ canvas, userEvent, args }) => {
    await userEvent.click(await canvas.findByRole('button', { name: 'Disconnect' }))
    await waitFor(() => expect(canvas.getByRole('status')).toHaveTextContent('Not connected.'))
    await expect(received.bodies(DISCONNECT)).toHaveLength(1)
    await expect(args.onSuccess).toHaveBeenCalledOnce()
  },
}

/** The server failed (`502 upstream_error`): a typed mutation error, announced. */
export const Failed: Story = {
  name: 'Error',
  parameters: {
    msw: {
      handlers: {
        disconnect: route('delete', '/connection', () =>
          errorAnswer(502, 'upstream_error', 'Pelm is not answering'),
        ),
      },
    },
  },
  play: async ({ canvas, userEvent, args }) => {
    await userEvent.click(await canvas.findByRole('button', { name: 'Disconnect' }))
    await waitFor(() => expect(canvas.getByRole('alert')).toHaveTextContent('upstream_error'))
    await expect(args.onError).toHaveBeenCalledOnce()
    await expect(canvas.getByRole('status')).toHaveTextContent('Connected.')
  },
}
