/**
 * One source of truth for the JSON between the two packages: the browser's wire types
 * (@acme/pelm-react) and the server's route types (@acme/pelm-server/hono) must agree, or this
 * file stops type-checking (`npm run typecheck`). Answers must be the same type on both sides;
 * what the browser sends must be something the server accepts.
 */
import type * as client from '@acme/pelm-react'
import type * as server from '@acme/pelm-server/hono'

type Equal<A, B> =
  (<T>() => T extends A ? 1 : 2) extends <T>() => T extends B ? 1 : 2 ? true : false
type Expect<T extends true> = T

export type WireContract = [
  // answers: the server's type is exactly what the browser reads
  Expect<Equal<server.Connection, client.Connection>>,
  Expect<Equal<server.ConnectionStatus, client.ConnectionStatus>>,
  Expect<Equal<server.ConnectionsResponse, client.ConnectionsResponse>>,
  Expect<Equal<server.ConnectTokenResponse, client.ConnectUrl>>,
  Expect<Equal<server.ExchangeResponse, client.ExchangeResponse>>,
  // requests: whatever the browser sends, the server accepts
  Expect<client.ConnectTokenRequest extends server.ConnectTokenRequest ? true : false>,
  Expect<client.ExchangeRequest extends server.ExchangeRequest ? true : false>,
  // every server error code is one the browser's error type can hold
  Expect<server.PelmRouteErrorCode extends client.PelmConnectErrorCode ? true : false>,
]
