import type { Meta, StoryObj } from '@storybook/react-vite'
import { useEffect, useState } from 'react'
import { expect, waitFor, within } from 'storybook/test'
import { fakeBrowser } from '../../../.storybook/fakes/browser'
import { connectUrlFor, received } from '../../../.storybook/fakes/server'
import { ConnectButton } from './ConnectButton'
import type { ConnectMode } from './types'
import { useConnectCallback } from './useConnectCallback'
import { useConnection } from './useConnection'
import { useDisconnect } from './useDisconnect'

type Page =
  | { name: 'connect' }
  | { name: 'pelm'; url: string }
  | { name: 'callback'; search: string }
  | { name: 'accounts' }

function ConnectPage({ mode, go }: { mode: ConnectMode; go: (page: Page) => void }) {
  const { data } = useConnection()
  return (
    <>
      <h2>Your energy data</h2>
      <p role="status">{data?.connected === false ? 'No utility account connected yet.' : ' '}</p>
      <ConnectButton className="acme-button" mode={mode} onSuccess={() => go({ name: 'accounts' })}>
        Connect your utility
      </ConnectButton>
    </>
  )
}

/** Pelm's hosted pages, simulated: where `location.assign(connectUrl)` would have taken the tab. */
function PelmConnectPage({ url, go }: { url: string; go: (page: Page) => void }) {
  const state = new URL(url).searchParams.get('state') ?? ''
  const back = (query: string) => go({ name: 'callback', search: `?${query}&state=${state}` })
  return (
    <section aria-label="Pelm Connect (simulated)" className="sb-panel">
      <h2>Pelm Connect</h2>
      <p>
        Simulated hosted page at <code>{url}</code>
      </p>
      <p>Sign in to PG&amp;E to share your usage and bills.</p>
      <div className="sb-popup__actions">
        <button type="button" onClick={() => back(`code=pelm_code_${state}`)}>
          Share my PG&amp;E account
        </button>
        <button type="button" onClick={() => back('error=user_initiated_exit')}>
          Exit
        </button>
      </div>
    </section>
  )
}

function CallbackPage({ search, go }: { search: string; go: (page: Page) => void }) {
  const result = useConnectCallback({ search, onSuccess: () => go({ name: 'accounts' }) })
  if (result.status === 'exited') {
    return (
      <p role="status">
        No problem.{' '}
        <button type="button" onClick={() => go({ name: 'connect' })}>
          Connect later
        </button>
      </p>
    )
  }
  if (result.status === 'error') {
    return (
      <p role="alert" className="sb-alert">
        Could not connect ({result.error.code}).
      </p>
    )
  }
  return <p role="status">Connecting your utility account…</p>
}

function AccountsPage({ go }: { go: (page: Page) => void }) {
  const { data } = useConnection()
  const disconnect = useDisconnect({ onSuccess: () => go({ name: 'connect' }) })
  return (
    <>
      <h2>Your accounts</h2>
      <p role="status">{data?.connected ? `Connected to ${data.utility?.slug}.` : 'Checking…'}</p>
      <button type="button" className="acme-button" onClick={() => disconnect.mutate()}>
        Disconnect
      </button>
    </>
  )
}

const address = (page: Page) =>
  page.name === 'pelm'
    ? page.url
    : page.name === 'callback'
      ? `/pelm/callback${page.search}`
      : `/${page.name}`

/** A small app: connect page → Pelm Connect → callback page → accounts page. */
export function ConnectFlowDemo({ mode = 'redirect' }: { mode?: ConnectMode }) {
  const [page, go] = useState<Page>({ name: 'connect' })
  // the button sent the tab to Connect (held by Storybook): show Pelm's pages instead
  useEffect(
    () =>
      fakeBrowser.subscribe(() => {
        const url = fakeBrowser.lastUrl('navigation')
        if (url) go((current) => (current.name === 'connect' ? { name: 'pelm', url } : current))
      }),
    [],
  )
  return (
    <div>
      <p className="sb-panel">
        Address bar: <code>{address(page)}</code>
      </p>
      {page.name === 'connect' && <ConnectPage mode={mode} go={go} />}
      {page.name === 'pelm' && <PelmConnectPage url={page.url} go={go} />}
      {page.name === 'callback' && <CallbackPage search={page.search} go={go} />}
      {page.name === 'accounts' && <AccountsPage go={go} />}
    </div>
  )
}

const meta = {
  title: 'Flows/Connect a utility account',
  component: ConnectFlowDemo,
  excludeStories: /Demo$/,
  tags: ['!autodocs'],
  parameters: {
    pelm: { browserChrome: false },
    layout: 'padded',
  },
} satisfies Meta<typeof ConnectFlowDemo>

export default meta
type Story = StoryObj<typeof meta>

/**
 * Redirect mode end to end against the fakes: the button prefetches a connect URL, the click
 * leaves for Pelm Connect, Pelm redirects to the callback page with `code` and `state`, the code
 * is exchanged once, and the accounts page shows the connection; Disconnect undoes it.
 */
export const Redirect: Story = {
  name: 'Redirect: connect, callback, connected',
  play: async ({ canvas, userEvent, step }) => {
    await step('Connect page: the button prefetches a connect URL', async () => {
      await waitFor(() => expect(canvas.getByRole('status')).toHaveTextContent('No utility'))
      const button = canvas.getByRole('button', { name: 'Connect your utility' })
      await waitFor(() => expect(button).toHaveAttribute('data-state', 'ready'))
      await userEvent.click(button)
    })
    await step('Pelm Connect: the tab went to the connect URL', async () => {
      const connect = await canvas.findByRole('region', { name: 'Pelm Connect (simulated)' })
      await expect(within(connect).getByText(connectUrlFor(1))).toBeInTheDocument()
      await userEvent.click(canvas.getByRole('button', { name: /share my pg&e account/i }))
    })
    await step('Callback page: the code is exchanged once', async () => {
      await waitFor(() => expect(canvas.getByText('/accounts')).toBeInTheDocument())
      await expect(received.bodies('POST /api/pelm/exchange')).toEqual([
        { code: 'pelm_code_st_1', state: 'st_1' },
      ])
    })
    await step('Accounts page: connected; Disconnect undoes it', async () => {
      await waitFor(() => expect(canvas.getByRole('status')).toHaveTextContent('Connected to pge'))
      await userEvent.click(canvas.getByRole('button', { name: 'Disconnect' }))
      await waitFor(() => expect(canvas.getByRole('status')).toHaveTextContent('No utility'))
    })
  },
}

/** The user leaves Connect without connecting: the callback page says so, nothing is exchanged. */
export const UserExits: Story = {
  name: 'Redirect: the user exits Connect',
  play: async ({ canvas, userEvent }) => {
    const button = canvas.getByRole('button', { name: 'Connect your utility' })
    await waitFor(() => expect(button).toHaveAttribute('data-state', 'ready'))
    await userEvent.click(button)
    await userEvent.click(await canvas.findByRole('button', { name: 'Exit' }))
    await waitFor(() => expect(canvas.getByRole('status')).toHaveTextContent('No problem'))
    await expect(received.bodies('POST /api/pelm/exchange')).toEqual([])
    await userEvent.click(canvas.getByRole('button', { name: 'Connect later' }))
    await waitFor(() =>
      expect(canvas.getByRole('button', { name: 'Connect your utility' })).toHaveAttribute(
        'data-state',
        'ready',
      ),
    )
  },
}

/** Popup mode: this page stays; the popup's callback page reports success, the app moves on. */
export const Popup: Story = {
  name: 'Popup: connect, connected',
  args: { mode: 'popup' },
  parameters: { pelm: { browserChrome: true } },
  play: async ({ canvas, userEvent }) => {
    const button = canvas.getByRole('button', { name: 'Connect your utility' })
    await waitFor(() => expect(button).toHaveAttribute('data-state', 'ready'))
    await userEvent.click(button)
    await userEvent.click(await canvas.findByRole('button', { name: /finish/i }))
    await waitFor(() => expect(canvas.getByRole('heading')).toHaveTextContent('Your accounts'))
    await expect(received.bodies('POST /api/pelm/exchange')).toEqual([
      { code: 'pelm_code_st_1', state: 'st_1' },
    ])
    await waitFor(() => expect(canvas.getByRole('status')).toHaveTextContent('Connected to pge'))
  },
}
