import { type Env, Hono } from 'hono'
import { connectTokenRoute } from './connect-token-handler'
import { connectionsRoutes } from './connections-handlers'
import { jsonError, PelmHttpError } from './errors/json-error'
import { exchangeRoute } from './exchange-handler'
import type { PelmRoutesOptions } from './options'
import {
  baseRuntime,
  connectionsRuntime,
  limitsRuntime,
  redirectRuntime,
  stateRuntime,
} from './runtime'

/**
 * The Pelm Connect routes as a Hono app: `POST /connect-token`, `POST /exchange`,
 * `GET /connections`, `DELETE /connections/:id`. Every error answers
 * `{ error: { code, message } }`. Options are checked now: a bad one throws at start-up.
 *
 * @example
 * ```ts
 * import { Hono } from 'hono'
 * import { memoryConnectionStore } from '@acme/pelm-server'
 * import { pelmRoutes } from '@acme/pelm-server/hono'
 *
 * const app = new Hono()
 * app.route('/api/pelm', pelmRoutes({
 *   clientId: process.env.PELM_CLIENT_ID!,
 *   secret: process.env.PELM_SECRET!,
 *   redirectUri: 'https://app.example.com/pelm/callback',
 *   cookieSecret: process.env.PELM_COOKIE_SECRET!,
 *   getUserId: (c) => c.req.header('x-user-id'), // from your auth in a real app
 *   connectionStore: memoryConnectionStore(),
 * }))
 * export default app
 * ```
 */
export function pelmRoutes<E extends Env = Env>(options: PelmRoutesOptions<E>): Hono<E> {
  const owner = 'pelmRoutes'
  const base = baseRuntime(options, owner)
  const redirect = redirectRuntime(options, owner)
  const runtime = {
    ...base,
    ...redirect,
    ...limitsRuntime(options, owner, base),
    ...stateRuntime(options, owner, base, redirect.redirectUri),
    ...connectionsRuntime(options, owner),
  }
  const connections = connectionsRoutes(runtime)
  const app = new Hono<E>()
  app.post('/connect-token', connectTokenRoute(runtime))
  app.post('/exchange', exchangeRoute(runtime))
  app.get('/connections', connections.list)
  app.delete('/connections/:id', connections.delete)
  // Sub-app notFound handlers do not apply once mounted: a catch-all route does.
  app.all('*', (c) =>
    jsonError(c, new PelmHttpError('not_found', `No route ${c.req.method} ${c.req.path}.`)),
  )
  // No onError: every route above is `guarded()` and renders its own errors, and a sub-app's
  // error handler would wrap each of its routes in one more compose per request.
  return app
}
