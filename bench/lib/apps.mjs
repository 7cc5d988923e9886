// The two servers the server-side benchmarks compare: pelmRoutes, and bare Hono routes that make
// the same upstream calls through the same Pelm client, without the toolkit's checks.
import { Hono } from 'hono'
import { benchSecrets, importDist } from './workspace.mjs'

const { createPelmClient, memoryTokenStore } = await importDist('server')
const { pelmRoutes } = await importDist('serverHono')

/** The user id comes from a header: the app's auth is not what is measured. */
const userFrom = (c) => c.req.header('x-user-id')

/**
 * `upstream`: `{ apiUrl, connectUrl, credentials, fetch }` of the sandbox.
 * `now`: the server's clock (the memory benchmark moves it forward).
 */
export function oursApp(upstream, { now = Date.now } = {}) {
  const app = new Hono()
  app.route(
    '/api/pelm',
    pelmRoutes({
      clientId: upstream.credentials.clientId,
      secret: upstream.credentials.secret,
      apiUrl: upstream.apiUrl,
      connectUrl: upstream.connectUrl,
      fetch: upstream.fetch,
      redirectUri: benchSecrets.redirectUri,
      cookieSecret: benchSecrets.cookieSecret,
      getUserId: userFrom,
      tokenStore: memoryTokenStore(),
      now,
    }),
  )
  return app
}

/** A hand-written route per endpoint: the upstream call, the token stored, nothing else. */
export function bareApp(upstream) {
  const pelm = createPelmClient({
    clientId: upstream.credentials.clientId,
    secret: upstream.credentials.secret,
    apiUrl: upstream.apiUrl,
    fetch: upstream.fetch,
  })
  const tokenStore = memoryTokenStore()
  const app = new Hono()
  app.post('/api/pelm/connect-token', async (c) => {
    // The documented body ({ utilityId?, utilitySlug? }) is read, as any real route must.
    const { utilityId, utilitySlug } = await c.req.json()
    const { connectToken, expiresAt, expiresIn } = await pelm.createConnectToken({
      userId: userFrom(c),
      utilityId,
      utilitySlug,
    })
    const connectUrl = `${upstream.connectUrl}?connect_token=${connectToken}&redirect_uri=${encodeURIComponent(benchSecrets.redirectUri)}`
    return c.json({ connectUrl, expiresAt: expiresAt.toISOString(), expiresIn })
  })
  app.post('/api/pelm/exchange', async (c) => {
    const { code } = await c.req.json()
    const { accessToken } = await pelm.exchangeCode(code)
    await tokenStore.set(userFrom(c), { accessToken, connectedAt: new Date().toISOString() })
    return c.json({ connected: true })
  })
  return app
}
