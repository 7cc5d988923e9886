import { encryptedConnectionStore, unstorageConnectionStore } from '@acme/pelm-server'
import { pelmRoutes } from '@acme/pelm-server/hono'
import { Hono } from 'hono'
import { createStorage } from 'unstorage'
import kvDriver from 'unstorage/drivers/cloudflare-kv-binding'
import { d1ReplayStore, sweepReplayStore } from './d1-replay-store'

export interface Bindings {
  PELM_CLIENT_ID: string
  PELM_SECRET: string
  PELM_API_URL?: string
  PELM_CONNECT_URL?: string
  REDIRECT_URI: string
  COOKIE_SECRET: string
  /** 32 bytes, base64 (`openssl rand -base64 32`): encrypts access tokens at rest in KV. */
  TOKEN_KEY: string
  CONNECTIONS: KVNamespace
  REPLAY: D1Database
}
type Env = { Bindings: Bindings }

// Secrets arrive with the first request: build the routes then, once per isolate.
let pelm: Hono<Env> | undefined
const routes = (env: Bindings) =>
  new Hono<Env>().route(
    '/api/pelm',
    pelmRoutes<Env>({
      clientId: env.PELM_CLIENT_ID,
      secret: env.PELM_SECRET,
      apiUrl: env.PELM_API_URL,
      connectUrl: env.PELM_CONNECT_URL,
      redirectUri: env.REDIRECT_URI,
      cookieSecret: env.COOKIE_SECRET,
      // DEMO ONLY: the user is whoever the `x-demo-user` header names, so the example runs
      // without a login. A real app takes the id from its own session (a verified cookie or token).
      getUserId: (c) => c.req.header('x-demo-user'),
      // One KV item per connection, its access token encrypted with TOKEN_KEY.
      connectionStore: encryptedConnectionStore(
        unstorageConnectionStore(createStorage({ driver: kvDriver({ binding: env.CONNECTIONS }) })),
        { keys: [env.TOKEN_KEY] },
      ),
      // Isolates share no memory: one-time states and codes go to D1, which claims atomically.
      replayStore: d1ReplayStore(env.REPLAY),
    }),
  )

const app = new Hono<Env>()
app.all('/api/pelm/*', (c) => {
  pelm ??= routes(c.env)
  return pelm.fetch(c.req.raw, c.env, c.executionCtx)
})

export default {
  fetch: app.fetch,
  scheduled: async (_controller, env, ctx) => ctx.waitUntil(sweepReplayStore(env.REPLAY)),
} satisfies ExportedHandler<Bindings>
