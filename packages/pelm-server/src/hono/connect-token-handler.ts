import type { Env, MiddlewareHandler } from 'hono'
import { buildConnectUrl } from '../connect-url'
import type { ConnectedUtility } from '../token-store'
import { upstreamHttpError } from './errors/upstream'
import { jsonPost } from './json-post'
import { userIdOf } from './middleware/require-user'
import { connectTokenBody } from './middleware/validate-body'
import type { ConnectTokenHandlerOptions } from './options'
import { createRuntime, type PelmRuntime } from './runtime'
import { setStateCookie } from './state-cookie'

/**
 * `expiresAt` is this much earlier than Pelm's expiry, so a browser never uses a dead URL.
 *
 * @example
 * ```ts
 * const refreshAt = Date.parse(expiresAt) // already EXPIRY_MARGIN_MS before Pelm's expiry
 * ```
 */
export const EXPIRY_MARGIN_MS = 60_000

/** The answer of `POST /connect-token`. */
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

export function connectTokenRoute(runtime: PelmRuntime): MiddlewareHandler {
  return jsonPost(runtime, connectTokenBody, { allowEmpty: true }, async (c, body) => {
    const userId = userIdOf(c)
    const utilityId = body.utilityId ?? undefined
    const utilitySlug = body.utilitySlug ?? undefined
    const token = await runtime.client
      .createConnectToken({ userId, utilityId, utilitySlug })
      .catch((error: unknown) => {
        throw upstreamHttpError(error, 'connect_token', { utility: !!(utilityId || utilitySlug) })
      })
    const utility: ConnectedUtility | undefined =
      utilityId || utilitySlug
        ? { ...(utilityId && { id: utilityId }), ...(utilitySlug && { slug: utilitySlug }) }
        : undefined
    const issued = await runtime.signer.issue({ userId, utility })
    setStateCookie(c, runtime, issued.cookieValue)
    const connectUrl = buildConnectUrl({
      connectToken: token.connectToken,
      redirectUri: runtime.redirectUri,
      state: issued.state,
      connectUrl: runtime.connectUrl,
    })
    const expiresAt = Math.min(token.expiresAt.getTime(), issued.expiresAt) - EXPIRY_MARGIN_MS
    runtime.log({ level: 'info', event: 'connect_token.created', userId })
    const answer: ConnectTokenResponse = {
      connectUrl,
      expiresAt: new Date(expiresAt).toISOString(),
      expiresIn: Math.max(0, Math.round((expiresAt - issued.issuedAt) / 1000)),
    }
    return c.json(answer, 200, { 'Cache-Control': 'no-store' })
  })
}

/**
 * `POST` handler that starts a connection: checks origin and user, creates a Pelm connect token
 * for `getUserId(c)`, sets the signed state cookie and answers `{ connectUrl, expiresAt }`.
 * Mount it next to {@link exchangeHandler} (same directory), or set `cookiePath`.
 *
 * @example
 * ```ts
 * app.post('/pelm/connect-token', connectTokenHandler({
 *   clientId: env.PELM_CLIENT_ID,
 *   secret: env.PELM_SECRET,
 *   redirectUri: 'https://app.example.com/pelm/callback',
 *   cookieSecret: env.PELM_COOKIE_SECRET,
 *   getUserId: (c) => c.get('session')?.userId,
 * }))
 * ```
 */
export function connectTokenHandler<E extends Env = Env>(
  options: ConnectTokenHandlerOptions<E>,
): MiddlewareHandler<E> {
  return connectTokenRoute(
    createRuntime(options, 'connectTokenHandler', ['pelm', 'state', 'redirect']),
  )
}
