import type { Env, MiddlewareHandler } from 'hono'
import { exchangeOnce } from './exchange'
import { jsonPost } from './json-post'
import { userIdOf } from './middleware/require-user'
import { exchangeBody } from './middleware/validate-body'
import type { ExchangeHandlerOptions } from './options'
import { createRuntime, type PelmRuntime } from './runtime'
import { clearStateCookie, readStateCookie } from './state-cookie'

export function exchangeRoute(runtime: PelmRuntime): MiddlewareHandler {
  return jsonPost(runtime, exchangeBody, { allowEmpty: false }, async (c, { code, state }) => {
    const cookieValue = readStateCookie(c, runtime)
    // A state serves one attempt, whatever its outcome.
    clearStateCookie(c, runtime)
    await exchangeOnce(runtime, c, {
      userId: userIdOf(c),
      code,
      state: state || undefined,
      cookieValue,
    })
    return c.json({ connected: true as const }, 200, { 'Cache-Control': 'no-store' })
  })
}

/**
 * `POST` handler that finishes a connection: body `{ code, state }` from the callback URL.
 * Checks the state cookie (signature, equality, user, age, single use), exchanges the code once,
 * stores the access token in `tokenStore` and answers `{ connected: true }`; the token never
 * reaches the browser.
 *
 * @example
 * ```ts
 * app.post('/pelm/exchange', exchangeHandler({
 *   clientId: env.PELM_CLIENT_ID,
 *   secret: env.PELM_SECRET,
 *   cookieSecret: env.PELM_COOKIE_SECRET,
 *   getUserId: (c) => c.get('session')?.userId,
 *   tokenStore,
 * }))
 * ```
 */
export function exchangeHandler<E extends Env = Env>(
  options: ExchangeHandlerOptions<E>,
): MiddlewareHandler<E> {
  return exchangeRoute(createRuntime(options, 'exchangeHandler', ['pelm', 'state', 'tokenStore']))
}
