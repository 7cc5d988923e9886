/**
 * What the server tells the app about the Connect flow, through the routes' `onEvent` option:
 * one plain object per fact, for metrics, audit logs and alerts.
 *
 * **No secret ever appears in an event**: no access token, code, state, connect token, cookie
 * or client secret, only the ids below. `userId` is the app's own user id (maybe an email): fine
 * in an audit log, but never use it as a metrics label (one series per user). `connectionId` is
 * opaque and random; it is also the connection's `user_id` at Pelm unless you set `pelmUserId`
 * (it names the login at Pelm, and grants nothing without your Pelm secret).
 */

import type { ConnectionStatus } from './connection-store'

/** Fields every event has. */
interface PelmEventBase {
  /** The app user id that `getUserId` answered. */
  userId: string
  /** When it happened, ISO 8601 (from the routes' clock). */
  at: string
}

/** `POST /connect-token` answered a Connect URL (each one spends Pelm quota). */
export interface ConnectTokenCreatedEvent extends PelmEventBase {
  type: 'connect_token.created'
  /** The connection the URL is for: newly minted (`create`) or the one being reconnected. */
  connectionId: string
  mode: 'create' | 'update'
  utilityId?: string
  utilitySlug?: string
}

/** `POST /exchange` connected the user: a new connection, or a renewed one (see below). */
export interface ExchangeSucceededEvent extends PelmEventBase {
  type: 'exchange.succeeded'
  connectionId: string
}

/**
 * `POST /exchange` answered an error. `userId` is missing when the request had no user
 * (`unauthenticated`).
 */
export interface ExchangeFailedEvent extends Omit<PelmEventBase, 'userId'> {
  type: 'exchange.failed'
  userId?: string
  /** The route's error code, as in the JSON body (`state_used`, `upstream_error`, …). */
  code: string
  /** The HTTP status answered. */
  status: number
}

/** An exchange gave an existing connection a new access token (a reconnect). */
export interface ConnectionRenewedEvent extends PelmEventBase {
  type: 'connection.renewed'
  connectionId: string
}

/** `DELETE /connections/:id` deleted the User at Pelm and forgot the connection. */
export interface ConnectionDeletedEvent extends PelmEventBase {
  type: 'connection.deleted'
  connectionId: string
}

/** A check with Pelm changed what `GET /connections` shows for a connection. */
export interface ConnectionStatusChangedEvent extends PelmEventBase {
  type: 'connection.status_changed'
  connectionId: string
  status: ConnectionStatus
  /** The status before (`unknown` before the first successful check). */
  previous: ConnectionStatus
}

/** A request was refused with 429 by the per-user rate limit. */
export interface RateLimitedEvent extends PelmEventBase {
  type: 'rate_limited'
  route: 'connect-token' | 'exchange'
  retryAfterMs: number
}

/**
 * Every event the routes emit, told apart by `type`. Common fields: `type`, `userId`, `at`, and
 * `connectionId` where one is known. Carries no secret (see the module comment).
 *
 * @example
 * ```ts
 * const onEvent = (event: PelmEvent) => {
 *   switch (event.type) {
 *     case 'exchange.failed':
 *       log.warn({ code: event.code, status: event.status }, 'Pelm exchange failed')
 *       break
 *     case 'connection.status_changed':
 *       if (event.status === 'reconnect_required') emailUser(event.userId, event.connectionId)
 *       break
 *   }
 * }
 * ```
 */
export type PelmEvent =
  | ConnectTokenCreatedEvent
  | ExchangeSucceededEvent
  | ExchangeFailedEvent
  | ConnectionRenewedEvent
  | ConnectionDeletedEvent
  | ConnectionStatusChangedEvent
  | RateLimitedEvent

/**
 * The `type` of a {@link PelmEvent}.
 *
 * @example
 * ```ts
 * const counts = new Map<PelmEventType, number>()
 * ```
 */
export type PelmEventType = PelmEvent['type']

/**
 * The event of one `type`.
 *
 * @example
 * ```ts
 * function alert(event: PelmEventOf<'exchange.failed'>) {
 *   console.warn(event.code)
 * }
 * ```
 */
export type PelmEventOf<T extends PelmEventType> = Extract<PelmEvent, { type: T }>

/**
 * Receives each event. Called after the response is decided; what it throws or rejects with is
 * logged and never changes the response, so a metrics outage cannot break Connect.
 *
 * @example
 * ```ts
 * const onEvent: PelmEventHandler = (event) => metrics.increment(`pelm.${event.type}`)
 * ```
 */
export type PelmEventHandler = (event: PelmEvent) => void | Promise<void>

/**
 * Every event type, e.g. to start each counter at 0 so dashboards see a series before its first
 * event.
 *
 * @example
 * ```ts
 * const counts = new Map(PELM_EVENT_TYPES.map((type) => [type, 0]))
 * ```
 */
export const PELM_EVENT_TYPES = [
  'connect_token.created',
  'exchange.succeeded',
  'exchange.failed',
  'connection.renewed',
  'connection.deleted',
  'connection.status_changed',
  'rate_limited',
] as const satisfies readonly PelmEventType[]
