import { randomBytes } from 'node:crypto'
import { createPelmClient, type TokenStore } from '@acme/pelm-server'
import { pelmRoutes } from '@acme/pelm-server/hono'
import { Hono } from 'hono'
import { HTTPException } from 'hono/http-exception'
import type { Storage } from 'unstorage'
import type { DemoSettings } from '../shared/types'
import { accountsHandler } from './accounts'
import type { DemoConfig } from './config'
import { jsonError } from './json-error'
import { pelmConnection } from './pelm-connection'
import { type DemoSandbox, SANDBOX_PATH } from './sandbox'
import { loadOrCreateSecret } from './secrets'
import { demoSession } from './session'
import { clientApp } from './static'
import { createTokenStore, tokenStorage } from './token-store'

export const COOKIE_SECRET_FILE = 'pelm-cookie-secret.key'

/** The configuration once the server knows the origin browsers reach it at. */
export type DemoAppConfig = DemoConfig & { publicUrl: string }

export interface DemoApp {
  app: Hono
  tokenStore: TokenStore
  settings: DemoSettings
  redirectUri: string
  /** The in-process sandbox, without Pelm credentials. */
  sandbox?: DemoSandbox
  /** Releases the token storage (closes the Redis connection). */
  close(): Promise<void>
}

/**
 * The demo server: the demo sign-in at `/api/session`, Pelm's routes at `/api/pelm`, the accounts
 * at `/api/accounts`, the page settings at `/api/config`, the sandbox at `/sandbox` (without Pelm
 * credentials) and the built React app. Reads and creates its secrets under `dataDir`.
 *
 * @example
 * ```ts
 * const demo = createDemoApp({ ...readConfig(process.env, defaults), publicUrl: 'http://localhost:3000' })
 * serve({ fetch: demo.app.fetch, port: 3000 })
 * ```
 */
export function createDemoApp(config: DemoAppConfig, storage?: Storage): DemoApp {
  const redirectUri = `${config.publicUrl}/pelm/callback`
  const secure = config.publicUrl.startsWith('https:')
  const session = demoSession({
    secret: config.sessionSecret ?? randomBytes(32).toString('base64'),
    secure,
  })
  const getUserId = async (c: Parameters<typeof session.getUser>[0]) =>
    (await session.getUser(c))?.id
  const tokens = storage ?? tokenStorage(config)
  const tokenStore = createTokenStore(config, tokens)
  const pelm = pelmConnection(config)

  const app = new Hono()
  app.route('/api/session', session.routes)
  app.route(
    '/api/pelm',
    pelmRoutes({
      ...pelm.credentials,
      redirectUri,
      cookieSecret: config.cookieSecret ?? loadOrCreateSecret(config.dataDir, COOKIE_SECRET_FILE),
      getUserId,
      tokenStore,
      logger: (event) => {
        if (event.level === 'warn' || event.level === 'error') console[event.level](event)
      },
    }),
  )
  app.get(
    '/api/accounts',
    accountsHandler({
      getUserId,
      tokenStore,
      utilities: pelm.settings.utilities,
      pelm: createPelmClient({ ...pelm.credentials, dataRetry: { retries: 0 } }),
    }),
  )
  app.get('/api/config', (c) => c.json(pelm.settings))
  if (pelm.sandbox) app.route(SANDBOX_PATH, pelm.sandbox.mock.app)
  app.all('/api/*', (c) =>
    jsonError(c, 404, 'not_found', `No route ${c.req.method} ${c.req.path}.`),
  )
  if (config.clientDir) app.route('/', clientApp(config.clientDir))

  app.onError((error, c) => {
    if (error instanceof HTTPException && error.status < 500) {
      return jsonError(c, error.status, 'invalid_body', error.message)
    }
    console.error(error)
    return jsonError(c, 500, 'internal_error', 'Something went wrong on the server. Try again.')
  })

  return {
    app,
    tokenStore,
    settings: pelm.settings,
    redirectUri,
    sandbox: pelm.sandbox,
    close: () => tokens.dispose(),
  }
}
