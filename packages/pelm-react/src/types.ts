import type { PelmConnectError } from './errors'
import type { Connection } from './wire'

/** How Pelm Connect opens: in this tab (`redirect`, the default) or in a popup window. */
export type ConnectMode = 'redirect' | 'popup'

/** The button's state, also rendered as its `data-state` attribute. */
export type ConnectStatus = 'loading' | 'ready' | 'error' | 'redirecting'

/** The callback page's state. */
export type ConnectCallbackStatus = 'idle' | 'pending' | 'success' | 'error' | 'exited'

/** Why the user left Connect without connecting. */
export interface ConnectExit {
  /**
   * `user_initiated_exit` (quit inside Connect), `popup_closed` (closed the popup window) or
   * `navigated_back` (came back with the browser's Back button).
   */
  reason: 'user_initiated_exit' | 'popup_closed' | 'navigated_back' | (string & {})
}

/** The callbacks shared by `ConnectButton`, `useConnect` and `useConnectCallback`. */
export interface ConnectCallbacks {
  /** The code was exchanged: `connection` was made (or renewed, for a reconnect). */
  onSuccess?: (connection: Connection) => void
  /** A request failed or Pelm reported an error. */
  onError?: (error: PelmConnectError) => void
  /** The user left Connect without connecting. */
  onExit?: (exit: ConnectExit) => void
}
