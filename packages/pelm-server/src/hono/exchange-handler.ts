import type { Context, Env, MiddlewareHandler } from 'hono'
import { readBindings } from './binding-cookie'
import { exchangeBody } from './body-schemas'
import type { PelmHttpError } from './errors/json-error'
import { exchangeOnce } from './exchange'
import type { Seen } from './guard'
import type { ExchangeHandlerOptions } from './options'
import { jsonRoute } from './route'
import {
  type BaseRuntime,
  baseRuntime,
  type LimitsRuntime,
  limitsRuntime,
  type StateRuntime,
  stateRuntime,
} from './runtime'

export function exchangeRoute(
  runtime: BaseRuntime & LimitsRuntime & StateRuntime,
): MiddlewareHandler {
  const options = {
    allowEmpty: false,
    limit: 'exchange',
    onFailure: (c: Context, error: PelmHttpError, { userId }: Seen) => {
      runtime.emit(c, {
        type: 'exchange.failed',
        ...(userId !== undefined && { userId }),
        code: error.code,
        status: error.status,
      })
    },
  } as const
  return jsonRoute(runtime, exchangeBody, options, async (c, userId, body) => {
    const answer = await exchangeOnce(runtime, c, {
      userId,
      code: body.code,
      state: body.state || undefined,
      bindings: readBindings(c, runtime),
    })
    return c.json(answer, 200, { 'Cache-Control': 'no-store' })
  })
}

/** Builds what the exchange route needs from the options; checks them now. */
export function exchangeRuntime(options: unknown, owner: string) {
  const base = baseRuntime(options, owner)
  return {
    ...base,
    ...limitsRuntime(options, owner, base),
    ...stateRuntime(options, owner, base, undefined),
  }
}

/**
 * `POST` handler that finishes a connection: body `{ code, state }` from the callback URL. Checks
 * the state (this browser, this user, not expired, never used), exchanges the code once, asks Pelm
 * which utility login it is, stores the connection (or renews the one it reconnects, or the one
 * with the same login) and answers `{ connected: true, connection }`; the access token never
 * reaches the browser.
 *
 * @example
 * ```ts
 * app.post('/pelm/exchange', exchangeHandler({
 *   clientId: env.PELM_CLIENT_ID,
 *   secret: env.PELM_SECRET,
 *   cookieSecret: env.PELM_COOKIE_SECRET,
 *   getUserId: (c) => c.get('session')?.userId,
 *   connectionStore,
 * }))
 * ```
 */
export function exchangeHandler<E extends Env = Env>(
  options: ExchangeHandlerOptions<E>,
): MiddlewareHandler<E> {
  return exchangeRoute(exchangeRuntime(options, 'exchangeHandler'))
}
