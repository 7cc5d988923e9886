// The two servers the server-side benchmarks compare: pelmRoutes, and bare Hono routes that make
// the same upstream calls through the same Pelm client, without the toolkit's checks.
import { Hono } from 'hono'
import { bodyLimit } from 'hono/body-limit'
import { benchSecrets, importDist } from './workspace.mjs'

const { createPelmClient, memoryConnectionStore } = await importDist('server')
const { pelmRoutes } = await importDist('serverHono')

/** The build of pelm-server the apps use unless told otherwise (`lib/workspace.mjs`). */
const defaultBuild = { pelmRoutes, memoryConnectionStore }

/** The user id comes from a header: the app's auth is not what is measured. */
const userFrom = (c) => c.req.header('x-user-id')

/**
 * The connection id a state carries (`2.<nonce>.<connection id>.<expiry>.<flow>.<MAC>`), read
 * without any check: the bare exchange needs it for the same Get user call as pelmRoutes.
 */
export const connectionIdOf = (state) => state.split('.')[2]

/**
 * `upstream`: `{ apiUrl, connectUrl, credentials, fetch }` of the sandbox.
 * `now`: the server's clock (the memory benchmark moves it forward).
 * `build`: `{ pelmRoutes, memoryConnectionStore }` of another build of pelm-server.
 * `options`: more `pelmRoutes` options.
 */
export function oursApp(upstream, { now = Date.now, build = defaultBuild, options = {} } = {}) {
  const app = new Hono()
  app.route(
    '/api/pelm',
    build.pelmRoutes({
      clientId: upstream.credentials.clientId,
      secret: upstream.credentials.secret,
      apiUrl: upstream.apiUrl,
      connectUrl: upstream.connectUrl,
      fetch: upstream.fetch,
      redirectUri: benchSecrets.redirectUri,
      cookieSecret: benchSecrets.cookieSecret,
      getUserId: userFrom,
      connectionStore: build.memoryConnectionStore(),
      now,
      ...options,
    }),
  )
  return app
}

/**
 * A hand-written route per endpoint: the same upstream calls (connect-token: Create connect
 * token; exchange: the code exchange, then Get user, as pelmRoutes does), the connection stored,
 * nothing else: no origin check, no body limit or schema, no state, cookie or replay store.
 * `withBodyLimit`: the same routes behind `hono/body-limit` (16 KiB), to measure it alone.
 */
export function bareApp(upstream, { withBodyLimit = false } = {}) {
  const pelm = createPelmClient({
    clientId: upstream.credentials.clientId,
    secret: upstream.credentials.secret,
    apiUrl: upstream.apiUrl,
    fetch: upstream.fetch,
  })
  const connectionStore = memoryConnectionStore()
  const app = new Hono()
  if (withBodyLimit) app.use('/api/pelm/*', bodyLimit({ maxSize: 16 * 1024 }))
  app.post('/api/pelm/connect-token', async (c) => {
    // Who is connecting (the app's session), and the documented body ({ utilityId?,
    // utilitySlug? }): any real route reads both.
    if (!userFrom(c)) return c.json({ error: 'unauthenticated' }, 401)
    const { utilityId, utilitySlug } = await c.req.json()
    const { connectToken, expiresAt, expiresIn } = await pelm.createConnectToken({
      userId: crypto.randomUUID(),
      utilityId,
      utilitySlug,
    })
    const connectUrl = `${upstream.connectUrl}?connect_token=${connectToken}&redirect_uri=${encodeURIComponent(benchSecrets.redirectUri)}`
    return c.json({ connectUrl, expiresAt: expiresAt.toISOString(), expiresIn })
  })
  app.post('/api/pelm/exchange', async (c) => {
    const { code, state } = await c.req.json()
    const id = connectionIdOf(state)
    const { accessToken } = await pelm.exchangeCode(code)
    const user = await pelm.getUser(id, accessToken)
    const connectedAt = new Date().toISOString()
    const utility = { id: user.utility.id, name: user.utility.name }
    await connectionStore.set(userFrom(c), {
      id,
      pelmUserId: id,
      accessToken,
      connectedAt,
      utility,
      utilityUsername: user.utilityUsername,
      credentialsValid: user.credentialsValid,
      checkedAt: connectedAt,
    })
    const status = user.credentialsValid ? 'active' : 'reconnect_required'
    return c.json({ connected: true, connection: { id, connectedAt, utility, status } })
  })
  return app
}
