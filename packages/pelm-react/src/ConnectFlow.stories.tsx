import type { Meta, StoryObj } from '@storybook/react-vite'
import { useEffect, useState } from 'react'
import { expect, waitFor, within } from 'storybook/test'
import { ConnectionList } from '../../../.storybook/ConnectionList'
import { fakeBrowser } from '../../../.storybook/fakes/browser'
import {
  CONNECTIONS,
  chooseUtility,
  connectUrlFor,
  issuedFor,
  received,
  UTILITY_NAMES,
} from '../../../.storybook/fakes/server'
import type { ConnectMode } from './types'
import { useConnectCallback } from './useConnectCallback'

type Page =
  | { name: 'accounts'; notice?: string }
  | { name: 'pelm'; url: string }
  | { name: 'callback'; search: string }

/**
 * Pelm's hosted pages, simulated: where `location.assign(connectUrl)` would have taken the tab.
 * Create mode asks which utility; update mode (a reconnect) goes straight to that utility's login.
 */
function PelmConnectPage({ url, go }: { url: string; go: (page: Page) => void }) {
  const state = new URL(url).searchParams.get('state') ?? ''
  const issued = issuedFor(state)
  const back = (query: string) => go({ name: 'callback', search: `?${query}&state=${state}` })
  const share = (slug: string) => {
    chooseUtility(state, slug)
    back(`code=pelm_code_${state}`)
  }
  const updating = issued?.connectionId !== undefined
  const utility = issued ? UTILITY_NAMES[issued.utilitySlug] : undefined
  return (
    <section aria-label="Pelm Connect (simulated)" className="sb-panel">
      <h2>Pelm Connect</h2>
      <p>
        Simulated hosted page at <code>{url}</code>
      </p>
      <p>
        {updating
          ? `Update mode: sign in to ${utility} again to keep sharing your data.`
          : 'Choose your utility and sign in to share your usage and bills.'}
      </p>
      <div className="sb-popup__actions">
        {updating && issued ? (
          <button type="button" onClick={() => share(issued.utilitySlug)}>
            Sign in to {utility} again
          </button>
        ) : (
          <>
            <button type="button" onClick={() => share('pge')}>
              Share my PG&amp;E account
            </button>
            <button type="button" onClick={() => share('sce')}>
              Share my SCE account
            </button>
          </>
        )}
        <button type="button" onClick={() => back('error=user_initiated_exit')}>
          Exit
        </button>
      </div>
    </section>
  )
}

function CallbackPage({ search, go }: { search: string; go: (page: Page) => void }) {
  const result = useConnectCallback({
    search,
    onSuccess: (connection) =>
      go({ name: 'accounts', notice: `Connected ${connection.utility?.name ?? 'your utility'}.` }),
  })
  if (result.status === 'exited') {
    return (
      <p role="status">
        No problem.{' '}
        <button type="button" onClick={() => go({ name: 'accounts' })}>
          Back to your accounts
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

function AccountsPage({ mode, notice }: { mode: ConnectMode; notice?: string }) {
  return (
    <>
      <h2>Your energy accounts</h2>
      {notice && <p role="status">{notice}</p>}
      <ConnectionList mode={mode} />
    </>
  )
}

const address = (page: Page) =>
  page.name === 'pelm'
    ? page.url
    : page.name === 'callback'
      ? `/pelm/callback${page.search}`
      : '/accounts'

/** A small app: accounts page → Pelm Connect → callback page → accounts page. */
export function ConnectFlowDemo({ mode = 'redirect' }: { mode?: ConnectMode }) {
  const [page, go] = useState<Page>({ name: 'accounts' })
  // a button sent the tab to Connect (held by Storybook): show Pelm's pages instead
  useEffect(
    () =>
      fakeBrowser.subscribe(() => {
        const url = fakeBrowser.lastUrl('navigation')
        if (url) go((current) => (current.name === 'accounts' ? { name: 'pelm', url } : current))
      }),
    [],
  )
  return (
    <div>
      <p className="sb-panel">
        Address bar: <code>{address(page)}</code>
      </p>
      {page.name === 'accounts' && <AccountsPage mode={mode} notice={page.notice} />}
      {page.name === 'pelm' && <PelmConnectPage url={page.url} go={go} />}
      {page.name === 'callback' && <CallbackPage search={page.search} go={go} />}
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

const connections = (canvasElement: HTMLElement) =>
  within(canvasElement).getByRole('list', { name: 'Your utility connections' })

/**
 * Redirect mode end to end against the fakes: the button prefetches a connect URL, the click
 * leaves for Pelm Connect, Pelm redirects to the callback page with `code` and `state`, the code
 * is exchanged once, and the accounts page lists the connection; Disconnect removes it.
 */
export const Redirect: Story = {
  name: 'Redirect: connect, callback, connected',
  play: async ({ canvas, userEvent, step }) => {
    await step(
      'Accounts page: nothing connected; the button prefetches a connect URL',
      async () => {
        await expect(await canvas.findByText('No utility account connected yet.')).toBeVisible()
        const button = canvas.getByRole('button', { name: 'Connect a utility' })
        await waitFor(() => expect(button).toHaveAttribute('data-state', 'ready'))
        await userEvent.click(button)
      },
    )
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
    await step('Accounts page: the connection is listed; Disconnect removes it', async () => {
      await expect(canvas.getByText('Connected Pacific Gas & Electric.')).toBeVisible()
      const pge = await canvas.findByRole('listitem', { name: 'Pacific Gas & Electric' })
      await userEvent.click(within(pge).getByRole('button', { name: /disconnect/i }))
      await waitFor(() =>
        expect(canvas.getByText('No utility account connected yet.')).toBeVisible(),
      )
    })
  },
}

/** The user leaves Connect without connecting: the callback page says so, nothing is exchanged. */
export const UserExits: Story = {
  name: 'Redirect: the user exits Connect',
  play: async ({ canvas, userEvent }) => {
    const button = await canvas.findByRole('button', { name: 'Connect a utility' })
    await waitFor(() => expect(button).toHaveAttribute('data-state', 'ready'))
    await userEvent.click(button)
    await userEvent.click(await canvas.findByRole('button', { name: 'Exit' }))
    await waitFor(() => expect(canvas.getByRole('status')).toHaveTextContent('No problem'))
    await expect(received.bodies('POST /api/pelm/exchange')).toEqual([])
    await userEvent.click(canvas.getByRole('button', { name: 'Back to your accounts' }))
    await waitFor(() =>
      expect(canvas.getByRole('button', { name: 'Connect a utility' })).toHaveAttribute(
        'data-state',
        'ready',
      ),
    )
  },
}

/**
 * A second utility: with PG&E connected, "Add another utility" goes through Connect again; the
 * person picks SCE, and the list shows both, each its own connection.
 */
export const SecondUtility: Story = {
  name: 'Redirect: a second utility',
  parameters: { pelm: { connections: [CONNECTIONS.pge] } },
  play: async ({ canvas, canvasElement, userEvent }) => {
    const add = await canvas.findByRole('button', { name: 'Add another utility' })
    await waitFor(() => expect(add).toHaveAttribute('data-state', 'ready'))
    await userEvent.click(add)
    await userEvent.click(await canvas.findByRole('button', { name: /share my sce account/i }))
    await expect(await canvas.findByText('Connected Southern California Edison.')).toBeVisible()
    await waitFor(() =>
      expect(within(connections(canvasElement)).getAllByRole('listitem')).toHaveLength(2),
    )
    const list = connections(canvasElement)
    await expect(
      within(list).getByRole('listitem', { name: 'Southern California Edison' }),
    ).toHaveTextContent('Connected')
    await expect(received.connections().map((c) => c.id)).toEqual(['conn_pge', 'conn_1'])
  },
}

/**
 * A reconnect: SCE's saved sign-in stopped working. Its Reconnect button opens Connect in update
 * mode for that connection; after the callback the same connection is active again (no new one).
 */
export const Reconnect: Story = {
  name: 'Redirect: reconnect a connection that needs it',
  parameters: { pelm: { connections: [CONNECTIONS.pge, CONNECTIONS.sceNeedsReconnect] } },
  play: async ({ canvas, canvasElement, userEvent, step }) => {
    await step('Accounts page: SCE needs reconnecting', async () => {
      const sce = await canvas.findByRole('listitem', { name: 'Southern California Edison' })
      await expect(sce).toHaveTextContent('Needs reconnecting')
      const reconnect = within(sce).getByRole('button', { name: /reconnect/i })
      await waitFor(() => expect(reconnect).toHaveAttribute('data-state', 'ready'))
      await userEvent.click(reconnect)
    })
    await step('Pelm Connect in update mode for that connection', async () => {
      const connect = await canvas.findByRole('region', { name: 'Pelm Connect (simulated)' })
      await expect(connect).toHaveTextContent('Update mode')
      await userEvent.click(
        within(connect).getByRole('button', {
          name: 'Sign in to Southern California Edison again',
        }),
      )
    })
    await step('Accounts page: the same connection, active again', async () => {
      await waitFor(() =>
        expect(canvas.getByRole('status')).toHaveTextContent(
          'Connected Southern California Edison.',
        ),
      )
      const list = connections(canvasElement)
      await waitFor(() =>
        expect(
          within(list).getByRole('listitem', { name: 'Southern California Edison' }),
        ).toHaveAttribute('data-status', 'active'),
      )
      await expect(within(list).getAllByRole('listitem')).toHaveLength(2)
      await expect(canvas.queryByRole('button', { name: /^reconnect/i })).toBeNull()
    })
  },
}

/** Popup mode: this page stays; the popup's callback page reports success, the list updates. */
export const Popup: Story = {
  name: 'Popup: connect, connected',
  args: { mode: 'popup' },
  parameters: { pelm: { browserChrome: true } },
  play: async ({ canvas, userEvent }) => {
    const button = await canvas.findByRole('button', { name: 'Connect a utility' })
    await waitFor(() => expect(button).toHaveAttribute('data-state', 'ready'))
    await userEvent.click(button)
    await userEvent.click(await canvas.findByRole('button', { name: /finish/i }))
    await waitFor(() =>
      expect(received.bodies('POST /api/pelm/exchange')).toEqual([
        { code: 'pelm_code_st_1', state: 'st_1' },
      ]),
    )
    await expect(
      await canvas.findByRole('listitem', { name: 'Pacific Gas & Electric' }),
    ).toBeInTheDocument()
  },
}
