import type { Meta, StoryObj } from '@storybook/react-vite'
import { useState } from 'react'
import { expect, waitFor } from 'storybook/test'
import {
  errorAnswer,
  issueConnectUrl,
  pelmHandlers,
  received,
  route,
} from '../../../.storybook/fakes/server'
import { ConnectButton } from './ConnectButton'
import { PelmProvider, type PelmProviderProps } from './PelmProvider'

const CSRF_TOKEN = 'csrf-7f3a9c'

/** Routes that refuse requests without the app's CSRF header, as an app's middleware might. */
const csrfProtected = route('post', '/connect-token', (body, request) =>
  request.headers.get('x-csrf-token') === CSRF_TOKEN
    ? issueConnectUrl()(body, request)
    : errorAnswer(403, 'csrf_failed', 'Missing CSRF token'),
)

const meta = {
  title: 'Components/PelmProvider',
  component: PelmProvider,
  render: (args) => (
    <PelmProvider {...args}>
      <ConnectButton />
    </PelmProvider>
  ),
  parameters: {
    docs: {
      description: {
        component:
          "Optional: configures the hooks and components below it. Without it they call `/api/pelm` with the global `fetch`. Every request is same-origin JSON with `credentials: 'same-origin'` (the state cookie must flow). The hooks still need the app's `QueryClientProvider` above.",
      },
      story: { height: '120px' },
    },
  },
} satisfies Meta<typeof PelmProvider>

export default meta
type Story = StoryObj<typeof meta>

/** `pelmRoutes` mounted somewhere else: `basePath="/internal/pelm"`. */
export const CustomBasePath: Story = {
  name: 'Custom basePath',
  args: { basePath: '/internal/pelm' },
  parameters: { msw: { handlers: pelmHandlers('/internal/pelm') } },
  play: async ({ canvas }) => {
    await waitFor(() => expect(canvas.getByRole('button')).toHaveAttribute('data-state', 'ready'))
    await expect(received.all().map((r) => r.route)).toEqual(['POST /internal/pelm/connect-token'])
  },
}

/** Extra `headers` on every request, e.g. a CSRF token the app's server checks. */
export const ExtraHeaders: Story = {
  name: 'Extra headers',
  args: { headers: { 'x-csrf-token': CSRF_TOKEN } },
  parameters: { msw: { handlers: { connectToken: csrfProtected } } },
  play: async ({ canvas }) => {
    await waitFor(() => expect(canvas.getByRole('button')).toHaveAttribute('data-state', 'ready'))
    const [headers] = received.headers('POST /api/pelm/connect-token')
    await expect(headers).toMatchObject({
      'x-csrf-token': CSRF_TOKEN,
      'content-type': 'application/json',
    })
  },
}

/** The same server without the header in the provider: the prefetch is refused. */
export const MissingHeader: Story = {
  name: 'Extra headers missing',
  parameters: { msw: { handlers: { connectToken: csrfProtected } } },
  play: async ({ canvas }) => {
    await waitFor(() => expect(canvas.getByRole('button')).toHaveAttribute('data-state', 'error'))
  },
}

function InstrumentedProvider(props: PelmProviderProps) {
  const [log, setLog] = useState<string[]>([])
  const [instrumented] = useState(
    () =>
      ((input, init) => {
        setLog((lines) => [...lines, `${init?.method ?? 'GET'} ${input}`])
        return fetch(input, init)
      }) satisfies typeof fetch,
  )
  return (
    <>
      <PelmProvider {...props} fetch={instrumented}>
        <ConnectButton />
      </PelmProvider>
      <p>Requests seen by the custom fetch:</p>
      <ul aria-label="Requests seen by the custom fetch">
        {log.map((line, i) => (
          // an append-only log: the index is the identity
          // biome-ignore lint/suspicious/noArrayIndexKey: see above
          <li key={i}>{line}</li>
        ))}
      </ul>
    </>
  )
}

/** A custom `fetch` for instrumentation or tests: here one that logs each request. */
export const CustomFetch: Story = {
  name: 'Custom fetch',
  render: (args) => <InstrumentedProvider {...args} />,
  parameters: { docs: { story: { height: '170px' } } },
  play: async ({ canvas }) => {
    await waitFor(() =>
      expect(canvas.getByRole('list', { name: /custom fetch/i })).toHaveTextContent(
        'POST /api/pelm/connect-token',
      ),
    )
  },
}
