import { ConnectButton, useDisconnect } from '@acme/pelm-react'
import { useQueryClient } from '@tanstack/react-query'
import { type ReactNode, useEffect, useRef, useState } from 'react'
import type { AccountsBody } from '../../shared/types'
import { AccountCard } from '../components/AccountCard'
import { Icon } from '../components/Icon'
import { Notice } from '../components/Notice'
import { PageTitle } from '../components/PageTitle'
import { Spinner } from '../components/Spinner'
import { formatDateTime, formatMoney } from '../format'
import { accountsKey, useAccounts } from '../hooks/useAccounts'
import { describeError } from '../messages'
import { Link, useHistoryState } from '../router'

type Connected = Extract<AccountsBody, { connected: true }>

function Summary({ data }: { data: Connected }) {
  const meters = data.accounts.reduce((sum, account) => sum + account.meters.length, 0)
  const due = data.accounts.reduce(
    (sum, account) => sum + (account.latestBills[0]?.amountDue ?? 0),
    0,
  )
  return (
    <dl className="stats">
      <div>
        <dt>Accounts</dt>
        <dd>{data.accounts.length}</dd>
      </div>
      <div>
        <dt>Meters</dt>
        <dd>{meters}</dd>
      </div>
      <div>
        <dt>Latest bills, total</dt>
        <dd>{formatMoney(due)}</dd>
      </div>
    </dl>
  )
}

function DisconnectControl({ onDisconnected }: { onDisconnected: () => void }) {
  const queryClient = useQueryClient()
  const disconnect = useDisconnect({
    onSuccess: async () => {
      onDisconnected()
      await queryClient.invalidateQueries({ queryKey: accountsKey })
    },
  })
  const [confirming, setConfirming] = useState(false)
  const confirmButton = useRef<HTMLButtonElement>(null)
  useEffect(() => {
    if (confirming) confirmButton.current?.focus()
  }, [confirming])
  if (!confirming) {
    return (
      <button
        type="button"
        className="button button-danger-outline"
        onClick={() => setConfirming(true)}
      >
        Disconnect
      </button>
    )
  }
  return (
    <div className="confirm">
      <p id="confirm-disconnect">Stop sharing your utility data with Homewatt?</p>
      <button
        ref={confirmButton}
        type="button"
        aria-describedby="confirm-disconnect"
        className="button button-danger"
        disabled={disconnect.isPending}
        onClick={() => disconnect.mutate()}
      >
        Yes, disconnect
      </button>
      <button
        type="button"
        className="button button-secondary"
        onClick={() => setConfirming(false)}
      >
        Cancel
      </button>
      {disconnect.error && (
        <Notice tone="error" title="Could not disconnect">
          {describeError(disconnect.error)}
        </Notice>
      )}
    </div>
  )
}

function ConnectionBar({ data, onDisconnected }: { data: Connected; onDisconnected: () => void }) {
  return (
    <section className="connection-bar" aria-label="Utility connection">
      <span className="connection-dot" aria-hidden="true" />
      <p>
        <strong>
          {data.utility ? `Connected to ${data.utility.name}` : 'Utility account connected'}
        </strong>
        <span className="muted"> through Pelm since {formatDateTime(data.connectedAt)}</span>
      </p>
      <div className="connection-actions">
        <ConnectButton className="button button-secondary">Connect again</ConnectButton>
        <DisconnectControl onDisconnected={onDisconnected} />
      </div>
    </section>
  )
}

function Loading({ dataLoading, onRetry }: { dataLoading: boolean; onRetry: () => void }) {
  return (
    <>
      {dataLoading ? (
        <Notice
          tone="warning"
          title="Pelm is still gathering your data"
          actions={
            <button
              type="button"
              className="button button-secondary button-small"
              onClick={onRetry}
            >
              Retry now
            </button>
          }
        >
          A new connection takes a few seconds. This page keeps trying on its own.
        </Notice>
      ) : (
        <p role="status" className="loading-line">
          <Spinner /> Loading your accounts…
        </p>
      )}
      <div className="skeletons" aria-hidden="true">
        <div className="skeleton" />
        <div className="skeleton" />
      </div>
    </>
  )
}

function NotConnected({ disconnected }: { disconnected: boolean }) {
  return (
    <>
      {disconnected && (
        <Notice tone="success" title="Your utility account was disconnected">
          Homewatt no longer has access to your utility data.
        </Notice>
      )}
      <section className="card empty">
        <span className="empty-icon">
          <Icon name="plug" />
        </span>
        <h2 className="card-title">No utility account connected yet</h2>
        <p className="muted">Connect one to see your accounts, meters and bills here.</p>
        <Link href="/connect" className="button button-primary">
          Connect a utility account
        </Link>
      </section>
    </>
  )
}

/** The signed-in user's accounts, meters and latest bills, or what to do to see them. */
export function Accounts() {
  const accounts = useAccounts()
  const flash = useHistoryState<{ flash?: string }>()?.flash
  const [disconnected, setDisconnected] = useState(false)

  let body: ReactNode
  if (accounts.isPending) {
    body = (
      <Loading
        dataLoading={accounts.failureReason?.code === 'data_loading'}
        onRetry={() => void accounts.refetch()}
      />
    )
  } else if (accounts.isError) {
    const reconnect = accounts.error.code === 'reconnect_required'
    body = (
      <Notice
        tone="error"
        title={
          reconnect
            ? 'Your utility account needs to be connected again'
            : 'Could not load your accounts'
        }
        actions={
          reconnect ? (
            <ConnectButton className="button button-primary button-small">Reconnect</ConnectButton>
          ) : (
            <button
              type="button"
              className="button button-secondary button-small"
              onClick={() => void accounts.refetch()}
            >
              Try again
            </button>
          )
        }
      >
        {describeError(accounts.error)}
      </Notice>
    )
  } else if (!accounts.data.connected) {
    body = <NotConnected disconnected={disconnected} />
  } else {
    const data = accounts.data
    body = (
      <>
        {flash === 'connected' && (
          <Notice tone="success" title="Utility account connected">
            Your accounts are below.
          </Notice>
        )}
        <ConnectionBar data={data} onDisconnected={() => setDisconnected(true)} />
        <Summary data={data} />
        {data.accounts.length === 0 ? (
          <section className="card empty">
            <h2 className="card-title">No accounts on this utility login</h2>
            <p className="muted">
              Pelm found no accounts. Connect another utility login to add some.
            </p>
          </section>
        ) : (
          <div className="account-list">
            {data.accounts.map((account) => (
              <AccountCard key={account.id} account={account} />
            ))}
          </div>
        )}
      </>
    )
  }

  return (
    <div className="page-wide">
      <PageTitle title="Your energy accounts" />
      {body}
    </div>
  )
}
