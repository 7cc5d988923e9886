import type { Connection } from '@acme/pelm-react'
import { useDisconnect } from '@acme/pelm-react'
import { useEffect, useId, useRef } from 'react'
import { describeError } from '../messages'
import { Notice } from './Notice'

export interface DisconnectDialogProps {
  connection: Connection
  /** The utility's name as the page shows it. */
  name: string
  open: boolean
  /** Closed without disconnecting (Cancel, Escape). */
  onCancel: () => void
  onDisconnected: () => void
}

/**
 * Asks before disconnecting one connection: a modal `<dialog role="alertdialog">`. The browser
 * keeps the focus inside it and closes it on Escape; "Cancel" has the focus first (the safe
 * choice); the page gives the focus back to the button that opened it.
 */
export function DisconnectDialog({
  connection,
  name,
  open,
  onCancel,
  onDisconnected,
}: DisconnectDialogProps) {
  const dialog = useRef<HTMLDialogElement>(null)
  const cancel = useRef<HTMLButtonElement>(null)
  const confirm = useRef<HTMLButtonElement>(null)
  const id = useId()
  // Closed here, before the page moves the focus: the content behind an open modal dialog is
  // inert, so a focus() there would do nothing, and the focus would be lost with the card.
  const done = () => {
    dialog.current?.close()
    onDisconnected()
  }
  const disconnect = useDisconnect({
    onSuccess: done,
    // gone already (disconnected in another tab): what the person asked for; the refreshed list
    // no longer has the card, so an error shown in its dialog would never be seen
    onError: (error) => {
      if (error.code === 'connection_not_found') done()
    },
  })

  useEffect(() => {
    const element = dialog.current
    if (!element) return
    if (open && !element.open) {
      disconnect.reset()
      element.showModal()
      cancel.current?.focus()
    } else if (!open && element.open) element.close()
  }, [open, disconnect.reset])

  // The buttons are disabled while the request runs, which drops the focus to the body: once it
  // failed, the focus goes back to the button that tries again.
  useEffect(() => {
    if (disconnect.isError) confirm.current?.focus()
  }, [disconnect.isError])

  return (
    <dialog
      ref={dialog}
      className="dialog"
      role="alertdialog"
      aria-modal="true"
      aria-labelledby={`${id}-title`}
      aria-describedby={`${id}-text`}
      onCancel={(event) => {
        event.preventDefault()
        if (!disconnect.isPending) onCancel()
      }}
    >
      <h2 id={`${id}-title`} className="dialog-title">
        Disconnect {name}?
      </h2>
      <p id={`${id}-text`}>
        Homewatt will stop reading this utility account, and Pelm will forget its login. Its
        accounts and bills disappear from this page. You can connect it again later.
      </p>
      {disconnect.error && (
        <Notice tone="error" title="Could not disconnect">
          {describeError(disconnect.error)}
        </Notice>
      )}
      <div className="dialog-actions">
        <button
          ref={cancel}
          type="button"
          className="button button-secondary"
          disabled={disconnect.isPending}
          onClick={onCancel}
        >
          Cancel
        </button>
        <button
          ref={confirm}
          type="button"
          className="button button-danger"
          disabled={disconnect.isPending}
          aria-busy={disconnect.isPending}
          onClick={() => disconnect.mutate(connection.id)}
        >
          {disconnect.isPending ? 'Disconnecting…' : 'Yes, disconnect'}
        </button>
      </div>
    </dialog>
  )
}
