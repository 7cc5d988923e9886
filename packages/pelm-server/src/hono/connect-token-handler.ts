import type { Env, MiddlewareHandler } from 'hono'
import { CONNECTION_ID, mintConnectionId } from '../connection-store'
import { bindBrowser } from './binding-cookie'
import { connectTokenBody } from './body-schemas'
import { connectionNotFound } from './errors/json-error'
import { upstreamHttpError } from './errors/upstream'
import type { ConnectTokenHandlerOptions } from './options'
import { jsonRoute } from './route'
import {
  type BaseRuntime,
  baseRuntime,
  type LimitsRuntime,
  limitsRuntime,
  type RedirectRuntime,
  redirectRuntime,
  type StateRuntime,
  stateRuntime,
} from './runtime'
import type { ConnectTokenResponse } from './wire'

/**
 * `expiresAt` is this much earlier than Pelm's expiry, so a browser never uses a dead URL.
 *
 * @example
 * ```ts
 * const refreshAt = Date.parse(expiresAt) // already EXPIRY_MARGIN_MS before Pelm's expiry
 * ```
 */
export const EXPIRY_MARGIN_MS = 60_000

export function connectTokenRoute(
  runtime: BaseRuntime & LimitsRuntime & StateRuntime & RedirectRuntime,
): MiddlewareHandler {
  const options = { allowEmpty: true, limit: 'connectToken' } as const
  return jsonRoute(runtime, connectTokenBody, options, async (c, userId, body) => {
    const utilityId = body.utilityId ?? undefined
    const utilitySlug = body.utilitySlug ?? undefined
    let connection: { id: string; pelmUserId: string; reconnect: boolean }
    if (body.connectionId) {
      // Reconnect: only one of this user's own connections, in update mode (same Pelm user).
      const record = CONNECTION_ID.test(body.connectionId)
        ? await runtime.connectionStore.get(userId, body.connectionId)
        : undefined
      if (!record) throw connectionNotFound()
      connection = { id: record.id, pelmUserId: record.pelmUserId, reconnect: true }
    } else {
      const id = mintConnectionId()
      connection = { id, pelmUserId: runtime.pelmUserId(userId, id), reconnect: false }
    }
    const token = await runtime.client
      .createConnectToken({ userId: connection.pelmUserId, utilityId, utilitySlug })
      .catch((error: unknown) => {
        throw upstreamHttpError(error, 'connect_token', { utility: !!(utilityId || utilitySlug) })
      })
    const issued = runtime.signer.issue({
      binding: bindBrowser(c, runtime),
      userId,
      connectionId: connection.id,
      reconnect: connection.reconnect,
      utility: utilityId ? { id: utilityId } : utilitySlug ? { slug: utilitySlug } : undefined,
    })
    const connectUrl = runtime.buildConnectUrl(token.connectToken, issued.state)
    const expiresAt = Math.min(token.expiresAt.getTime(), issued.expiresAt) - EXPIRY_MARGIN_MS
    runtime.log({
      level: 'info',
      event: 'connect_token.created',
      userId,
      connectionId: connection.id,
    })
    runtime.emit(c, {
      type: 'connect_token.created',
      userId,
      connectionId: connection.id,
      mode: connection.reconnect ? 'update' : 'create',
      ...(utilityId && { utilityId }),
      ...(utilitySlug && { utilitySlug }),
    })
    const answer: ConnectTokenResponse = {
      connectUrl,
      expiresAt: new Date(expiresAt).toISOString(),
      expiresIn: Math.max(0, Math.round((expiresAt - issued.issuedAt) / 1000)),
    }
    return c.json(answer, 200, { 'Cache-Control': 'no-store' })
  })
}

/** Builds what the connect-token route needs from the options; checks them now. */
export function connectTokenRuntime(options: unknown, owner: string) {
  const base = baseRuntime(options, owner)
  const redirect = redirectRuntime(options, owner)
  return {
    ...base,
    ...redirect,
    ...limitsRuntime(options, owner, base),
    ...stateRuntime(options, owner, base, redirect.redirectUri),
  }
}

/**
 * `POST` handler that starts a connection: checks origin and user, creates a Pelm connect token
 * (for a new connection, or with `{ connectionId }` to reconnect one of the user's connections),
 * binds the state to this browser (an HttpOnly cookie) and answers `{ connectUrl, expiresAt,
 * expiresIn }`. Mount it next to {@link exchangeHandler} (same directory), or set `cookiePath`.
 *
 * @example
 * ```ts
 * app.post('/pelm/connect-token', connectTokenHandler({
 *   clientId: env.PELM_CLIENT_ID,
 *   secret: env.PELM_SECRET,
 *   redirectUri: 'https://app.example.com/pelm/callback',
 *   cookieSecret: env.PELM_COOKIE_SECRET,
 *   getUserId: (c) => c.get('session')?.userId,
 *   connectionStore,
 * }))
 * ```
 */
export function connectTokenHandler<E extends Env = Env>(
  options: ConnectTokenHandlerOptions<E>,
): MiddlewareHandler<E> {
  return connectTokenRoute(connectTokenRuntime(options, 'connectTokenHandler'))
}
