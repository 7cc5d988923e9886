// A story-only list of the user's connections, built on the package's hooks the way an accounts
// page would be: each connection with its utility, since when and status, "Reconnect" where Pelm
// needs it, "Disconnect" per connection, and a button to add another utility.
import type {
  Connection,
  ConnectionStatus,
  ConnectMode,
  UseConnectionsOptions,
} from '@acme/pelm-react'
import { ConnectButton } from '../packages/pelm-react/src/ConnectButton'
import { useConnections } from '../packages/pelm-react/src/useConnections'
import { type UseDisconnectResult, useDisconnect } from '../packages/pelm-react/src/useDisconnect'

/** Words for each status (a switch, not a lookup in an object: the status is checked data). */
function statusText(status: ConnectionStatus): string {
  switch (status) {
    case 'active':
      return 'Connected'
    case 'reconnect_required':
      return 'Needs reconnecting: the utility no longer accepts the saved sign-in'
    case 'unknown':
      return 'Status unknown: Pelm could not be asked just now'
  }
}

const since = (iso: string) =>
  new Date(iso).toLocaleDateString('en-US', { dateStyle: 'long', timeZone: 'UTC' })

function ConnectionRow({
  connection,
  disconnect,
  mode,
}: {
  connection: Connection
  disconnect: UseDisconnectResult
  mode?: ConnectMode
}) {
  const name = connection.utility?.name ?? 'Your utility'
  const disconnecting = disconnect.isPending && disconnect.variables === connection.id
  return (
    <li aria-label={name} data-status={connection.status}>
      <strong>{name}</strong>, since {since(connection.connectedAt)}.{' '}
      <span>{statusText(connection.status)}</span>
      <span className="sb-connections__actions">
        {connection.status === 'reconnect_required' && (
          <ConnectButton className="acme-button" connectionId={connection.id} mode={mode}>
            Reconnect {name}
          </ConnectButton>
        )}
        <button
          type="button"
          className="acme-button"
          onClick={() => disconnect.mutate(connection.id)}
          disabled={disconnecting}
        >
          {disconnecting ? `Disconnecting ${name}…` : `Disconnect ${name}`}
        </button>
      </span>
    </li>
  )
}

export interface ConnectionListProps extends UseConnectionsOptions {
  /** How the Connect buttons open Pelm Connect. */
  mode?: ConnectMode
  /** Called with the id of each connection that was disconnected. */
  onDisconnected?: (connectionId: string) => void
  /** Called with the error of a disconnect that failed. */
  onDisconnectError?: (error: Error) => void
}

/** `useConnections()` as a list, with `useDisconnect()` and `ConnectButton` beside each row. */
export function ConnectionList({
  mode,
  onDisconnected,
  onDisconnectError,
  ...options
}: ConnectionListProps) {
  const { data, error, isPending } = useConnections(options)
  const disconnect = useDisconnect({
    onSuccess: (_, id) => onDisconnected?.(id),
    onError: onDisconnectError,
  })
  if (error) {
    return (
      <p role="alert" className="sb-alert">
        Could not load your utility connections ({error.code}): {error.message}
      </p>
    )
  }
  if (isPending) return <p role="status">Loading your utility connections…</p>
  const failed = disconnect.error && data.find((c) => c.id === disconnect.variables)
  return (
    <>
      {data.length === 0 ? (
        <p role="status">No utility account connected yet.</p>
      ) : (
        <ul aria-label="Your utility connections" className="sb-connections">
          {data.map((connection) => (
            <ConnectionRow
              key={connection.id}
              connection={connection}
              disconnect={disconnect}
              mode={mode}
            />
          ))}
        </ul>
      )}
      <ConnectButton className="acme-button" mode={mode}>
        {data.length === 0 ? 'Connect a utility' : 'Add another utility'}
      </ConnectButton>
      {disconnect.error && (
        <p role="alert" className="sb-alert">
          Could not disconnect {failed ? failed.utility?.name : 'that utility'} (
          {disconnect.error.code}): {disconnect.error.message}
        </p>
      )}
    </>
  )
}
