import type { Meta, StoryObj } from '@storybook/react-vite'
import { expect, waitFor } from 'storybook/test'
import { errorAnswer, hang, received, route } from '../../../.storybook/fakes/server'
import { type UseConnectionOptions, useConnection } from './useConnection'

/** Shows what `useConnection(options)` returns, the way an accounts page would. */
export function UseConnectionDemo(options: UseConnectionOptions) {
  const { data, error, isPending } = useConnection(options)
  if (error) {
    return (
      <p role="alert" className="sb-alert">
        Could not check your utility connection ({error.code}): {error.message}
      </p>
    )
  }
  if (isPending) return <p role="status">Checking your utility connection…</p>
  return (
    <p role="status">
      {data.connected
        ? `Connected to ${data.utility?.slug ?? 'your utility'} since ${new Date(data.connectedAt).toLocaleDateString('en-US', { dateStyle: 'long', timeZone: 'UTC' })}.`
        : 'No utility account connected yet.'}
    </p>
  )
}

const meta = {
  title: 'Hooks/useConnection',
  component: UseConnectionDemo,
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
    docs: {
      description: {
        component:
          "Whether the signed-in user has a connected utility account: `useConnection(options?)` is react-query's `useQuery` over `GET {basePath}/connection` (query key `['pelm', 'connection', basePath]`), answering `{ connected: false }` or `{ connected: true, connectedAt, utility? }`. `options` are react-query's query options without `queryKey` and `queryFn` (`UseConnectionOptions`); the result is `UseConnectionResult`. It refreshes after a successful exchange and after `useDisconnect`.",
      },
      story: { height: '80px' },
    },
  },
} satisfies Meta<typeof UseConnectionDemo>

export default meta
type Story = StoryObj<typeof meta>

const CONNECTION = 'GET /api/pelm/connection'

/** The first answer has not arrived. */
export const Loading: Story = {
  parameters: { msw: { handlers: { connection: route('get', '/connection', hang) } } },
  play: async ({ canvas }) => {
    await waitFor(() => expect(received.bodies(CONNECTION)).toHaveLength(1))
    await expect(canvas.getByRole('status')).toHaveTextContent('Checking')
  },
}

/** `{ connected: false }`. */
export const NotConnected: Story = {
  play: async ({ canvas }) => {
    await waitFor(() => expect(canvas.getByRole('status')).toHaveTextContent('No utility account'))
  },
}

/** `{ connected: true, connectedAt, utility }`. */
export const Connected: Story = {
  parameters: { pelm: { connected: true } },
  play: async ({ canvas }) => {
    await waitFor(() =>
      expect(canvas.getByRole('status')).toHaveTextContent('Connected to pge since March 14, 2026'),
    )
  },
}

/** The server answered `401 unauthenticated`: a typed `PelmConnectError`. */
export const Failed: Story = {
  name: 'Error',
  parameters: {
    msw: {
      handlers: {
        connection: route('get', '/connection', () =>
          errorAnswer(401, 'unauthenticated', 'Sign in first'),
        ),
      },
    },
  },
  play: async ({ canvas }) => {
    await waitFor(() => expect(canvas.getByRole('alert')).toHaveTextContent('unauthenticated'))
  },
}

/** `enabled: false` (a react-query option): nothing is fetched until the app enables it. */
export const Disabled: Story = {
  args: { enabled: false },
  play: async ({ canvas }) => {
    await expect(canvas.getByRole('status')).toHaveTextContent('Checking')
    await expect(received.all()).toEqual([])
  },
}
