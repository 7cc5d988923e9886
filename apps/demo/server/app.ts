import { type ConnectionStore, createPelmClient } from '@acme/pelm-server'
import { pelmRoutes } from '@acme/pelm-server/hono'
import { Hono } from 'hono'
import { HTTPException } from 'hono/http-exception'
import type { Storage } from 'unstorage'
import type { DemoSettings } from '../shared/types'
import { accountsHandler } from './accounts'
import { accountsCache } from './accounts-cache'
import { canonicalHost } from './canonical-host'
import type { DemoConfig } from './config'
import { createConnectionStore } from './connection-store'
import { httpExceptionError, jsonError } from './json-error'
import { pelmConnection } from './pelm-connection'
import { type DemoSandbox, SANDBOX_PATH } from './sandbox'
import { sandboxControl } from './sandbox-control'
import { loadOrCreateSecret } from './secrets'
import { demoSession } from './session'
import { sessionGuard } from './session-guard'
import { clientApp } from './static'
import { checkRedis, demoStorage } from './storage'
import { usageHandler } from './usage'

export const COOKIE_SECRET_FILE = 'pelm-cookie-secret.key'
export const SESSION_SECRET_FILE = 'session-secret.key'

/**
 * How old a connection's status may be before `GET /api/pelm/connections` asks Pelm again. Live:
 * the library's default (10 minutes), at most one Get user call per connection that often. The
 * sandbox answers in-process at no cost, so a few seconds. (The demo's "simulate a password
 * change" control also forgets the last check, so its effect shows at once.)
 */
export const SANDBOX_STATUS_MAX_AGE_MS = 5_000

/** The configuration once the server knows the origin browsers reach it at. */
export type DemoAppConfig = DemoConfig & { publicUrl: string }

export interface DemoApp {
  app: Hono
  connectionStore: ConnectionStore
  settings: DemoSettings
  redirectUri: string
  /** The in-process sandbox, without Pelm credentials. */
  sandbox?: DemoSandbox
  /** Waits for pending sandbox writes, then releases the storage (closes the Redis connection). */
  close(): Promise<void>
}

const atLeast32 = (secret: string) => {
  if (secret.length < 32) throw new Error('shorter than 32 characters')
}

/**
 * The demo server: the demo sign-in at `/api/session`, Pelm's routes at `/api/pelm`, the accounts
 * at `/api/accounts` and their usage at `/api/connections/…/usage`, the page settings at
 * `/api/config`, the sandbox at `/sandbox` and its controls at `/api/sandbox` (without Pelm
 * credentials) and the built React app. Page requests on another host name than `publicUrl`'s
 * are sent there first. Reads and creates its secrets under `dataDir`.
 *
 * @example
 * ```ts
 * const demo = await createDemoApp({ ...readConfig(process.env, defaults), publicUrl: 'http://localhost:3000' })
 * serve({ fetch: demo.app.fetch, port: 3000 })
 * ```
 */
export async function createDemoApp(config: DemoAppConfig, storage?: Storage): Promise<DemoApp> {
  const redirectUri = `${config.publicUrl}/pelm/callback`
  const secure = config.publicUrl.startsWith('https:')
  const session = demoSession({
    secret:
      config.sessionSecret ?? loadOrCreateSecret(config.dataDir, SESSION_SECRET_FILE, atLeast32),
    secure,
  })
  const getUserId = async (c: Parameters<typeof session.getUser>[0]) =>
    (await session.getUser(c))?.id
  const store = storage ?? demoStorage(config)
  if (!storage) await checkRedis(store, config.redisUrl)
  const connectionStore = createConnectionStore(config, store)
  const pelm = await pelmConnection(config.pelm, config.publicUrl, store)
  const client = createPelmClient({ ...pelm.credentials, dataRetry: { retries: 0 } })

  const app = new Hono()
  app.use(canonicalHost(config.publicUrl))
  app.route('/api/session', session.routes)
  app.use('/api/*', sessionGuard(getUserId))
  app.route(
    '/api/pelm',
    pelmRoutes({
      ...pelm.credentials,
      redirectUri,
      cookieSecret:
        config.cookieSecret ?? loadOrCreateSecret(config.dataDir, COOKIE_SECRET_FILE, atLeast32),
      getUserId,
      connectionStore,
      ...(pelm.sandbox && { statusMaxAge: SANDBOX_STATUS_MAX_AGE_MS }),
      logger: (event) => {
        if (event.level === 'warn' || event.level === 'error') console[event.level](event)
      },
    }),
  )
  const accounts = accountsCache({ pelm: client })
  app.get('/api/accounts', accountsHandler({ getUserId, connectionStore, pelm: client, accounts }))
  app.get(
    '/api/connections/:connectionId/accounts/:accountId/usage',
    usageHandler({ getUserId, connectionStore, pelm: client, accounts }),
  )
  app.get('/api/config', (c) => c.json(pelm.settings))
  if (pelm.sandbox) {
    app.route(
      '/api/sandbox',
      sandboxControl({
        getUserId,
        connectionStore,
        mock: pelm.sandbox.mock,
        origin: config.publicUrl,
      }),
    )
    app.route(SANDBOX_PATH, pelm.sandbox.mock.app)
  }
  app.all('/api/*', (c) =>
    jsonError(c, 404, 'not_found', `No route ${c.req.method} ${c.req.path}.`),
  )
  if (config.clientDir) app.route('/', clientApp(config.clientDir))

  app.onError((error, c) => {
    if (error instanceof HTTPException && error.status < 500) return httpExceptionError(c, error)
    console.error(error)
    return jsonError(c, 500, 'internal_error', 'Something went wrong on the server. Try again.')
  })

  return {
    app,
    connectionStore,
    settings: pelm.settings,
    redirectUri,
    sandbox: pelm.sandbox,
    close: async () => {
      await pelm.sandbox?.saved()
      await store.dispose()
    },
  }
}
