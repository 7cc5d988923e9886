// The JSON of the app server's Pelm routes (`pelmRoutes` of @acme/pelm-server), as this package
// sends and reads it. A type test beside the server ties each one to the server's own route types.

/** `POST {basePath}/connect-token` body: all optional; `connectionId` reconnects that connection. */
export interface ConnectTokenRequest {
  utilityId?: string
  utilitySlug?: string
  /** One of the user's connections: Connect opens in update mode for it (a reconnect). */
  connectionId?: string
}

/** `POST {basePath}/connect-token` answer. */
export interface ConnectUrl {
  connectUrl: string
  /** ISO 8601, for people and logs; the client counts with `expiresIn`. */
  expiresAt: string
  /** Seconds the URL stays usable from now (already a minute short of Pelm's token expiry). */
  expiresIn: number
}

/** `POST {basePath}/exchange` body: the `code` and `state` Pelm sent back to the callback page. */
export interface ExchangeRequest {
  code: string
  state: string
}

/** `POST {basePath}/exchange` answer: the connection that was made or renewed. */
export interface ExchangeResponse {
  connected: true
  connection: Connection
}

/** `GET {basePath}/connections` answer. */
export interface ConnectionsResponse {
  connections: Connection[]
}

/**
 * Whether Pelm can still read a connection's data: `reconnect_required` when Pelm reports its
 * credentials invalid (typically a changed utility password; reconnect it), `unknown` when the
 * server could not check.
 */
export type ConnectionStatus = 'active' | 'reconnect_required' | 'unknown'

/** One utility login of the signed-in user (never its access token). */
export interface Connection {
  /** Opaque, minted by the server; pass it to `useDisconnect` or `ConnectButton`'s `connectionId`. */
  id: string
  /** ISO 8601: when it was first connected. */
  connectedAt: string
  /** What the server knows of the utility (the one chosen in Connect, or asked for). */
  utility?: { id?: string; slug?: string; name?: string }
  status: ConnectionStatus
}
