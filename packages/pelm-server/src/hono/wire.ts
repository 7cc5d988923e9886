/**
 * The JSON the routes speak with the browser. `@acme/pelm-react` declares the same shapes; a type
 * test ties the two together.
 */

import type { ConnectionStatus } from '../connection-store'

export type { ConnectionStatus }

/** One utility login of the signed-in user, as the browser sees it: never the access token. */
export interface Connection {
  /** Opaque, minted by the server; use it to reconnect or disconnect. */
  id: string
  /** ISO 8601 time of the first exchange. */
  connectedAt: string
  utility?: { id?: string; slug?: string; name?: string }
  /** `reconnect_required`: the login stopped working (a changed password); `unknown`: not checked. */
  status: ConnectionStatus
}

/** `POST /connect-token` body (may be empty). */
export interface ConnectTokenRequest {
  utilityId?: string | null
  utilitySlug?: string | null
  /** One of the user's connections, to reconnect it (Connect in update mode). */
  connectionId?: string | null
}

/** `POST /connect-token` answer. */
export interface ConnectTokenResponse {
  connectUrl: string
  /** ISO 8601; refresh the URL before then. */
  expiresAt: string
  /**
   * The same deadline in whole seconds from now: browsers count with it, so a wrong clock on the
   * server or in the browser cannot make them use an expired URL.
   */
  expiresIn: number
}

/** `POST /exchange` body: from the callback URL. */
export interface ExchangeRequest {
  code: string
  state?: string | null
}

/** `POST /exchange` answer: the connection made, or renewed (reconnect, same utility login). */
export interface ExchangeResponse {
  connected: true
  connection: Connection
}

/** `GET /connections` answer, oldest first. */
export interface ConnectionsResponse {
  connections: Connection[]
}
