import { type Env, Hono } from 'hono'
import { connectTokenRoute } from './connect-token-handler'
import { connectionRoutes } from './connection-handlers'
import { jsonError, PelmHttpError } from './errors/json-error'
import { renderError } from './errors/render'
import { exchangeRoute } from './exchange-handler'
import type { PelmRoutesOptions } from './options'
import { createRuntime } from './runtime'

/**
 * The Pelm Connect routes as a Hono app: `POST /connect-token`, `POST /exchange`,
 * `GET /connection`, `DELETE /connection`. Every error answers
 * `{ error: { code, message } }`. Options are checked now: a bad one throws at start-up.
 *
 * @example
 * ```ts
 * import { Hono } from 'hono'
 * import { memoryTokenStore } from '@acme/pelm-server'
 * import { pelmRoutes } from '@acme/pelm-server/hono'
 *
 * const app = new Hono()
 * app.route('/api/pelm', pelmRoutes({
 *   clientId: process.env.PELM_CLIENT_ID!,
 *   secret: process.env.PELM_SECRET!,
 *   redirectUri: 'https://app.example.com/pelm/callback',
 *   cookieSecret: process.env.PELM_COOKIE_SECRET!,
 *   getUserId: (c) => c.get('session')?.userId,
 *   tokenStore: memoryTokenStore(),
 * }))
 * export default app
 * ```
 */
export function pelmRoutes<E extends Env = Env>(options: PelmRoutesOptions<E>): Hono<E> {
  const runtime = createRuntime(options, 'pelmRoutes', ['pelm', 'state', 'redirect', 'tokenStore'])
  const connection = connectionRoutes(runtime)
  const app = new Hono<E>()
  app.post('/connect-token', connectTokenRoute(runtime))
  app.post('/exchange', exchangeRoute(runtime))
  app.get('/connection', connection.get)
  app.delete('/connection', connection.delete)
  // Sub-app notFound handlers do not apply once mounted: a catch-all route does.
  app.all('*', (c) =>
    jsonError(c, new PelmHttpError('not_found', `No route ${c.req.method} ${c.req.path}.`)),
  )
  // Safety net only: every route above is `guarded()` and renders its own errors.
  app.onError((error, c) => renderError(c, error, runtime.log))
  return app
}
