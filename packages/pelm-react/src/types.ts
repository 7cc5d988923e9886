import type { PelmConnectError } from './errors'

/** How Pelm Connect opens: in this tab (`redirect`, the default) or in a popup window. */
export type ConnectMode = 'redirect' | 'popup'

/** The button's state, also rendered as its `data-state` attribute. */
export type ConnectStatus = 'loading' | 'ready' | 'error' | 'redirecting'

/** The callback page's state. */
export type ConnectCallbackStatus = 'idle' | 'pending' | 'success' | 'error' | 'exited'

/** Why the user left Connect without connecting. */
export interface ConnectExit {
  /** `user_initiated_exit` (quit inside Connect) or `popup_closed` (closed the popup window). */
  reason: 'user_initiated_exit' | 'popup_closed' | (string & {})
}

/** The callbacks shared by `ConnectButton`, `useConnect` and `useConnectCallback`. */
export interface ConnectCallbacks {
  /** The code was exchanged: the user's utility account is connected. */
  onSuccess?: () => void
  /** A request failed or Pelm reported an error. */
  onError?: (error: PelmConnectError) => void
  /** The user left Connect without connecting. */
  onExit?: (exit: ConnectExit) => void
}

/** `POST {basePath}/connect-token` answer. */
export interface ConnectUrl {
  connectUrl: string
  /** ISO 8601, for people and logs; the client counts with `expiresIn`. */
  expiresAt: string
  /** Seconds the URL stays usable from now (already a minute short of Pelm's token expiry). */
  expiresIn: number
}

/** `GET {basePath}/connection` answer. */
export type Connection =
  | { connected: false }
  | { connected: true; connectedAt: string; utility?: { id?: string; slug?: string } }
