import { ConnectButton, type Connection, type PelmConnectError } from '@acme/pelm-react'
import { useEffect, useId, useRef, useState } from 'react'
import type { ConnectionAccounts } from '../../shared/types'
import { formatDateTime, utilityName } from '../format'
import { useSimulatePasswordChange } from '../hooks/useSimulatePasswordChange'
import { describeError } from '../messages'
import { AccountCard } from './AccountCard'
import { DisconnectDialog } from './DisconnectDialog'
import { Notice } from './Notice'
import { Spinner } from './Spinner'

const STATUS = {
  active: { label: 'Connected', tone: 'ok' },
  reconnect_required: { label: 'Needs reconnecting', tone: 'warn' },
  unknown: { label: 'Status unknown', tone: 'muted' },
} as const

function Accounts({
  group,
  failed,
  connectionId,
}: {
  group: ConnectionAccounts | undefined
  failed: boolean
  connectionId: string
}) {
  // the page says why above, with "Try again"
  if (!group && failed) return <p className="muted">The accounts could not be loaded.</p>
  if (!group || ('error' in group && group.error.code === 'data_loading')) {
    return (
      <p role="status" className="loading-line">
        <Spinner />{' '}
        {group
          ? 'Pelm is still gathering this connection’s data. This page keeps checking.'
          : 'Loading the accounts…'}
      </p>
    )
  }
  if ('error' in group) {
    return (
      <Notice
        tone={group.error.code === 'reconnect_required' ? 'warning' : 'error'}
        title="The accounts could not be read"
      >
        {describeError(group.error)}
      </Notice>
    )
  }
  if (group.accounts.length === 0)
    return <p className="muted">Pelm found no accounts on this login.</p>
  return (
    <div className="account-list">
      {group.accounts.map((account) => (
        <AccountCard key={account.id} account={account} connectionId={connectionId} />
      ))}
    </div>
  )
}

export interface ConnectionCardProps {
  connection: Connection
  accounts: ConnectionAccounts | undefined
  /** The accounts request failed (the page shows the error): no section waits for it. */
  accountsFailed: boolean
  sandbox: boolean
  onDisconnected: (name: string) => void
}

/**
 * One connection (one utility login): its utility, since when, its status, Reconnect when Pelm can
 * no longer sign in, Disconnect (after a confirmation), the sandbox's "password change", and
 * the accounts read through it.
 */
export function ConnectionCard({
  connection,
  accounts,
  accountsFailed,
  sandbox,
  onDisconnected,
}: ConnectionCardProps) {
  const id = useId()
  const name = utilityName(connection)
  const status = STATUS[connection.status]
  const [confirming, setConfirming] = useState(false)
  const disconnectButton = useRef<HTMLButtonElement>(null)
  const simulate = useSimulatePasswordChange()
  /** Reconnect could not open Connect (its URL could not be fetched): said under the button. */
  const [reconnectFailed, setReconnectFailed] = useState<PelmConnectError>()
  const needsReconnect = connection.status === 'reconnect_required'
  const simulateButton = useRef<HTMLButtonElement>(null)
  const reconnectButton = useRef<HTMLButtonElement>(null)
  /** A simulated change ran from the simulate button: where the focus goes once it settles. */
  const refocus = useRef(false)
  // The simulate button is disabled while it runs, then removed once the connection needs a
  // reconnect: the focus would fall to the body, and a keyboard user start again from the top.
  // It goes to Reconnect (the next step), or back to the simulate button (after an error).
  useEffect(() => {
    if (!refocus.current || simulate.isPending) return
    const lost =
      document.activeElement === document.body || document.activeElement === simulateButton.current
    const target = needsReconnect ? reconnectButton.current : simulateButton.current
    if (lost && target) target.focus()
    if (needsReconnect || simulate.isError) refocus.current = false
  }, [simulate.isPending, simulate.isError, needsReconnect])
  const closeDialog = () => {
    setConfirming(false)
    disconnectButton.current?.focus()
  }

  return (
    <section
      className="card connection"
      aria-labelledby={`${id}-name`}
      data-connection-id={connection.id}
    >
      <header className="connection-header">
        <div>
          <h2 id={`${id}-name`} className="card-title">
            {name}
          </h2>
          <p className="muted">Connected since {formatDateTime(connection.connectedAt)}</p>
        </div>
        <span className={`status-badge status-${status.tone}`}>{status.label}</span>
      </header>

      {connection.status === 'reconnect_required' && (
        <Notice
          tone="warning"
          title="Pelm can no longer sign in to this account"
          actions={
            <ConnectButton
              ref={reconnectButton}
              connectionId={connection.id}
              onClick={() => setReconnectFailed(undefined)}
              onError={setReconnectFailed}
              className="button button-primary button-small"
            >
              Reconnect {name}
            </ConnectButton>
          }
        >
          The password may have changed at {name}. Reconnect to sign in again; your accounts stay as
          they are.
        </Notice>
      )}
      {connection.status === 'reconnect_required' && reconnectFailed && (
        <Notice tone="error" title="Could not open Pelm Connect">
          {describeError(reconnectFailed)}
        </Notice>
      )}

      <div className="connection-actions">
        <button
          ref={disconnectButton}
          type="button"
          className="button button-danger-outline button-small"
          onClick={() => setConfirming(true)}
        >
          Disconnect
        </button>
        {sandbox && connection.status !== 'reconnect_required' && (
          <button
            ref={simulateButton}
            type="button"
            className="button button-ghost button-small sandbox-action"
            disabled={simulate.isPending}
            onClick={() => {
              refocus.current = true
              simulate.mutate(connection.id)
            }}
          >
            <span className="sandbox-tag">Sandbox</span> Simulate a password change at the utility
          </button>
        )}
      </div>
      {simulate.error && (
        <Notice tone="error" title="The password change could not be simulated">
          {describeError(simulate.error)}
        </Notice>
      )}

      <Accounts group={accounts} failed={accountsFailed} connectionId={connection.id} />

      <DisconnectDialog
        connection={connection}
        name={name}
        open={confirming}
        onCancel={closeDialog}
        onDisconnected={() => {
          setConfirming(false)
          onDisconnected(name)
        }}
      />
    </section>
  )
}
