import type { Meta, StoryObj } from '@storybook/react-vite'
import { expect, waitFor, within } from 'storybook/test'
import { ConnectionList } from '../../../.storybook/ConnectionList'
import { fakeBrowser } from '../../../.storybook/fakes/browser'
import {
  CONNECTIONS,
  connectUrlFor,
  errorAnswer,
  hang,
  received,
  route,
} from '../../../.storybook/fakes/server'
import type { UseConnectionsOptions } from './useConnections'

/**
 * `useConnections(options)` as an accounts page shows it: a story-only list (in `.storybook/`)
 * with each connection's utility, since when and status, Reconnect where it is needed, Disconnect
 * per connection, and a button to add another utility.
 */
export function UseConnectionsDemo(options: UseConnectionsOptions) {
  return <ConnectionList {...options} />
}

const meta = {
  title: 'Hooks/useConnections',
  component: UseConnectionsDemo,
  excludeStories: /Demo$/,
  argTypes: {
    enabled: { control: 'boolean', description: 'react-query option: fetch only when true' },
    retry: {
      control: 'boolean',
      description: 'react-query option; `false` here, so an error shows without retries',
    },
  },
  args: { retry: false },
  parameters: {
    pelm: { browserChrome: false },
    docs: {
      description: {
        component:
          "The signed-in user's utility connections: `useConnections(options?)` is react-query's `useQuery` over `GET {basePath}/connections` (query key `['pelm', 'connections', basePath]`); `data` is the list itself, `Connection[]`, each `{ id, connectedAt, utility?: { id?, slug?, name? }, status }` with `status` one of `active | reconnect_required | unknown`. `options` are react-query's query options without `queryKey` and `queryFn` (`UseConnectionsOptions`). After an exchange or a disconnect the list is refetched, and a request that was in flight then is cancelled rather than joined, so the page never keeps an answer from before the change.",
      },
      story: { height: '260px' },
    },
  },
} satisfies Meta<typeof UseConnectionsDemo>

export default meta
type Story = StoryObj<typeof meta>

const CONNECTIONS_ROUTE = 'GET /api/pelm/connections'
const list = (canvas: { getByRole: (role: 'list', options: { name: string }) => HTMLElement }) =>
  canvas.getByRole('list', { name: 'Your utility connections' })

/** The first answer has not arrived. */
export const Loading: Story = {
  parameters: { msw: { handlers: { connections: route('get', '/connections', hang) } } },
  play: async ({ canvas }) => {
    await waitFor(() => expect(received.bodies(CONNECTIONS_ROUTE)).toHaveLength(1))
    await expect(canvas.getByRole('status')).toHaveTextContent('Loading your utility connections')
  },
}

/** `{ connections: [] }`: nothing connected yet; the button connects a first utility. */
export const Empty: Story = {
  play: async ({ canvas }) => {
    await waitFor(() =>
      expect(canvas.getByRole('status')).toHaveTextContent('No utility account connected yet.'),
    )
    await expect(canvas.getByRole('button', { name: 'Connect a utility' })).toBeInTheDocument()
  },
}

/** Two utilities, both active: one row each, and a button to add another. */
export const Several: Story = {
  parameters: { pelm: { connections: [CONNECTIONS.pge, CONNECTIONS.sce] } },
  play: async ({ canvas }) => {
    await waitFor(() => expect(list(canvas).querySelectorAll('li')).toHaveLength(2))
    const pge = canvas.getByRole('listitem', { name: 'Pacific Gas & Electric' })
    await expect(pge).toHaveTextContent('since March 14, 2026. Connected')
    await expect(
      canvas.getByRole('listitem', { name: 'Southern California Edison' }),
    ).toHaveTextContent('since April 2, 2026. Connected')
    await expect(canvas.getByRole('button', { name: 'Add another utility' })).toBeInTheDocument()
    await expect(canvas.queryByRole('button', { name: /^Reconnect/ })).toBeNull()
  },
}

/**
 * Pelm reports one login's credentials invalid (a changed utility password): its row offers
 * Reconnect, a `ConnectButton` with `connectionId`, which prefetches a connect URL in update
 * mode for that connection only.
 */
export const NeedsReconnect: Story = {
  name: 'One needing reconnect',
  parameters: { pelm: { connections: [CONNECTIONS.pge, CONNECTIONS.sceNeedsReconnect] } },
  play: async ({ canvas, userEvent }) => {
    const sce = await canvas.findByRole('listitem', { name: 'Southern California Edison' })
    await expect(sce).toHaveTextContent('Needs reconnecting')
    const reconnect = within(sce).getByRole('button', {
      name: 'Reconnect Southern California Edison',
    })
    await waitFor(() => expect(reconnect).toHaveAttribute('data-state', 'ready'))
    await expect(received.bodies('POST /api/pelm/connect-token')).toContainEqual({
      connectionId: 'conn_sce',
    })
    await expect(
      within(canvas.getByRole('listitem', { name: 'Pacific Gas & Electric' })).queryByRole(
        'button',
        { name: /reconnect/i },
      ),
    ).toBeNull()
    await userEvent.click(reconnect)
    await waitFor(() => expect(fakeBrowser.lastUrl('navigation')).toMatch(/^https:\/\/connect/))
    const bodies = received.bodies('POST /api/pelm/connect-token')
    const token = bodies.findIndex((b) => (b as { connectionId?: string }).connectionId) + 1
    await expect(fakeBrowser.lastUrl('navigation')).toBe(connectUrlFor(token))
  },
}

/**
 * The server could not ask Pelm about one connection (its check failed): that connection only
 * reads `unknown`; the others keep their status.
 */
export const FailedCheck: Story = {
  name: 'Failed check (status unknown)',
  parameters: { pelm: { connections: [CONNECTIONS.pge, CONNECTIONS.sdgeUnknown] } },
  play: async ({ canvas }) => {
    const sdge = await canvas.findByRole('listitem', { name: 'San Diego Gas & Electric' })
    await expect(sdge).toHaveTextContent('Status unknown')
    await expect(
      canvas.getByRole('listitem', { name: 'Pacific Gas & Electric' }),
    ).toHaveTextContent('Connected')
  },
}

/** The list request itself failed (`502 upstream_error`): a typed `PelmConnectError`, announced. */
export const Failed: Story = {
  name: 'Error',
  parameters: {
    msw: {
      handlers: {
        connections: route('get', '/connections', () =>
          errorAnswer(502, 'upstream_error', 'Pelm is not answering'),
        ),
      },
    },
  },
  play: async ({ canvas }) => {
    await waitFor(() =>
      expect(canvas.getByRole('alert')).toHaveTextContent(
        'Could not load your utility connections (upstream_error): Pelm is not answering',
      ),
    )
  },
}

/** `enabled: false` (a react-query option): nothing is fetched until the app enables it. */
export const Disabled: Story = {
  args: { enabled: false },
  play: async ({ canvas }) => {
    await expect(canvas.getByRole('status')).toHaveTextContent('Loading')
    await expect(received.bodies(CONNECTIONS_ROUTE)).toEqual([])
  },
}
