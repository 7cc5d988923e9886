import { useConnections } from '@acme/pelm-react'
import { type ReactNode, useState } from 'react'
import { ConnectionCard } from '../components/ConnectionCard'
import { Icon } from '../components/Icon'
import { Notice } from '../components/Notice'
import { PageTitle } from '../components/PageTitle'
import { RetryNotice } from '../components/RetryNotice'
import { Spinner } from '../components/Spinner'
import { useAccounts } from '../hooks/useAccounts'
import { useSettings } from '../hooks/useSettings'
import { Link, useHistoryState } from '../router'

function NoConnection() {
  return (
    <section className="card empty">
      <span className="empty-icon">
        <Icon name="plug" />
      </span>
      <h2 className="card-title">No utility account connected yet</h2>
      <p className="muted">Connect one to see your accounts, meters, bills and daily use here.</p>
      <Link href="/connect" className="button button-primary">
        Connect a utility account
      </Link>
    </section>
  )
}

/**
 * Every connection of the signed-in user with the accounts read through it: add another utility,
 * reconnect one that needs it, disconnect one, and (sandbox) simulate a password change.
 */
export function Accounts() {
  const connections = useConnections()
  const accounts = useAccounts(connections.data)
  const settings = useSettings()
  const flash = useHistoryState<{ flash?: string }>()?.flash
  const [disconnected, setDisconnected] = useState<string>()

  // A refresh that failed (the server unreachable) keeps what the page shows, above it: the
  // cards, and a dialog open in one of them with its own error.
  const refreshFailed = connections.isError && (
    <RetryNotice
      title="Could not load your connections"
      error={connections.error}
      onRetry={() => void connections.refetch()}
    />
  )
  let body: ReactNode
  if (connections.isPending) {
    body = (
      <p role="status" className="loading-line">
        <Spinner /> Loading your connections…
      </p>
    )
  } else if (!connections.data) {
    body = refreshFailed
  } else if (connections.data.length === 0) {
    body = (
      <>
        {refreshFailed}
        <NoConnection />
      </>
    )
  } else {
    body = (
      <>
        {refreshFailed}
        {accounts.isError && (
          <RetryNotice
            title="Could not load your accounts"
            error={accounts.error}
            onRetry={() => void accounts.refetch()}
          />
        )}
        <div className="connection-list">
          {connections.data.map((connection) => (
            <ConnectionCard
              key={connection.id}
              connection={connection}
              accounts={accounts.data?.get(connection.id)}
              accountsFailed={accounts.isError}
              sandbox={settings.data?.mode === 'sandbox'}
              onDisconnected={(name) => {
                setDisconnected(name)
                document.querySelector<HTMLElement>('h1')?.focus()
              }}
            />
          ))}
        </div>
      </>
    )
  }

  return (
    <div className="page-wide">
      <div className="page-heading">
        <PageTitle title="Your energy accounts" />
        {connections.data && connections.data.length > 0 && (
          <Link href="/connect" className="button button-secondary">
            <Icon name="plug" /> Add another utility
          </Link>
        )}
      </div>
      {flash === 'connected' && !disconnected && (
        <Notice tone="success" title="Utility account connected">
          Its accounts are below.
        </Notice>
      )}
      {disconnected && (
        <Notice tone="success" title={`${disconnected} was disconnected`}>
          Homewatt no longer reads its data, and Pelm forgot its login.
        </Notice>
      )}
      {body}
    </div>
  )
}
