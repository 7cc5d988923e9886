import type { Meta, StoryObj } from '@storybook/react-vite'
import { expect, fn, waitFor, within } from 'storybook/test'
import { ConnectionList, type ConnectionListProps } from '../../../.storybook/ConnectionList'
import { CONNECTIONS, errorAnswer, hang, received, route } from '../../../.storybook/fakes/server'

/** A list of two connections, each with its own Disconnect button (`useDisconnect`). */
export function UseDisconnectDemo(props: ConnectionListProps) {
  return <ConnectionList {...props} />
}

const meta = {
  title: 'Hooks/useDisconnect',
  component: UseDisconnectDemo,
  excludeStories: /Demo$/,
  args: { onDisconnected: fn(), onDisconnectError: fn() },
  argTypes: {
    onDisconnected: { description: "the mutation's `onSuccess`: that connection was removed" },
    onDisconnectError: { description: "the mutation's `onError`, with the `PelmConnectError`" },
  },
  parameters: {
    pelm: { connections: [CONNECTIONS.pge, CONNECTIONS.sce], browserChrome: false },
    docs: {
      description: {
        component:
          "Disconnects one connection: `useDisconnect(options?)` is react-query's `useMutation` over `DELETE {basePath}/connections/{id}`; call `mutate(connection.id)`, and read `variables` to know which one is under way. The server deletes the user at Pelm, then forgets the connection. The list is refreshed before the mutation settles, also after a failure (a `502`/`504` keeps the connection: trying again is safe). `options` are react-query's mutation options without `mutationFn` (`UseDisconnectOptions`).",
      },
      story: { height: '280px' },
    },
  },
} satisfies Meta<typeof UseDisconnectDemo>

export default meta
type Story = StoryObj<typeof meta>

const DISCONNECT_SCE = 'DELETE /api/pelm/connections/conn_sce'
const row = (canvasElement: HTMLElement, name: string) =>
  within(canvasElement).findByRole('listitem', { name })

/** Two connections; each row has its own Disconnect button. */
export const Connected: Story = {
  play: async ({ canvasElement }) => {
    for (const name of ['Pacific Gas & Electric', 'Southern California Edison']) {
      const item = await row(canvasElement, name)
      await expect(within(item).getByRole('button', { name: `Disconnect ${name}` })).toBeEnabled()
    }
  },
}

/** One `DELETE` is under way: only that row says so; the other can still be disconnected. */
export const Pending: Story = {
  parameters: {
    msw: { handlers: { disconnect: route('delete', '/connections/:id', hang) } },
  },
  play: async ({ canvasElement, userEvent }) => {
    const sce = await row(canvasElement, 'Southern California Edison')
    await userEvent.click(within(sce).getByRole('button', { name: /disconnect/i }))
    await expect(
      await within(sce).findByRole('button', { name: 'Disconnecting Southern California Edison…' }),
    ).toBeDisabled()
    const pge = await row(canvasElement, 'Pacific Gas & Electric')
    await expect(
      within(pge).getByRole('button', { name: 'Disconnect Pacific Gas & Electric' }),
    ).toBeEnabled()
    await expect(received.bodies(DISCONNECT_SCE)).toHaveLength(1)
  },
}

/** Disconnected: one `DELETE` for that id, its row gone, the other kept, `onSuccess` once. */
export const Disconnected: Story = {
  play: async ({ canvasElement, userEvent, args }) => {
    const sce = await row(canvasElement, 'Southern California Edison')
    await userEvent.click(within(sce).getByRole('button', { name: /disconnect/i }))
    await waitFor(() => expect(sce).not.toBeInTheDocument())
    await expect(await row(canvasElement, 'Pacific Gas & Electric')).toBeInTheDocument()
    await expect(received.bodies(DISCONNECT_SCE)).toHaveLength(1)
    await expect(args.onDisconnected).toHaveBeenCalledOnce()
    await expect(args.onDisconnected).toHaveBeenCalledWith('conn_sce')
  },
}

/**
 * Pelm failed (`502 upstream_error`): the server kept the connection, the error is announced, the
 * row stays, and trying again is safe.
 */
export const Failed: Story = {
  name: 'Error',
  parameters: {
    msw: {
      handlers: {
        disconnect: route('delete', '/connections/:id', () =>
          errorAnswer(502, 'upstream_error', 'Pelm is not answering'),
        ),
      },
    },
  },
  play: async ({ canvasElement, canvas, userEvent, args }) => {
    const sce = await row(canvasElement, 'Southern California Edison')
    await userEvent.click(within(sce).getByRole('button', { name: /disconnect/i }))
    await waitFor(() =>
      expect(canvas.getByRole('alert')).toHaveTextContent(
        'Could not disconnect Southern California Edison (upstream_error): Pelm is not answering',
      ),
    )
    await expect(args.onDisconnectError).toHaveBeenCalledOnce()
    await expect(sce).toBeInTheDocument()
    await expect(
      within(sce).getByRole('button', { name: 'Disconnect Southern California Edison' }),
    ).toBeEnabled()
  },
}
