import {
  encryptedConnectionStore,
  memoryConnectionStore,
  memoryReplayStore,
  redisReplayStore,
  unstorageConnectionStore,
} from '@acme/pelm-server'
import { pelmRoutes } from '@acme/pelm-server/hono'
import { Hono } from 'hono'
import Redis from 'ioredis'
import { createStorage } from 'unstorage'
import redisDriver from 'unstorage/drivers/redis'

function required(name: string): string {
  const value = process.env[name]
  if (!value) throw new Error(`Set ${name} (see examples/nextjs/README.md).`)
  return value
}

/**
 * Serverless instances come and go and share no memory, so production keeps connections (access
 * tokens encrypted) and one-time markers in Redis (`REDIS_URL`); without it, memory, for
 * `next dev` only.
 */
function stores() {
  const url = process.env.REDIS_URL
  if (!url) return { connectionStore: memoryConnectionStore(), replayStore: memoryReplayStore() }
  return {
    connectionStore: encryptedConnectionStore(
      unstorageConnectionStore(createStorage({ driver: redisDriver({ url }) })),
      { keys: [required('TOKEN_KEY')] },
    ),
    replayStore: redisReplayStore(new Redis(url)),
  }
}

/** The Pelm routes under `/api/pelm`, built from the environment. */
export function createPelmApp(): Hono {
  const apiUrl = process.env.PELM_API_URL ?? 'http://127.0.0.1:4010'
  return new Hono().basePath('/api/pelm').route(
    '/',
    pelmRoutes({
      clientId: process.env.PELM_CLIENT_ID ?? 'sandbox_client_id',
      secret: process.env.PELM_SECRET ?? 'sandbox_secret',
      apiUrl,
      connectUrl: process.env.PELM_CONNECT_URL ?? `${apiUrl}/connect`,
      redirectUri: required('REDIRECT_URI'),
      cookieSecret: required('COOKIE_SECRET'),
      // DEMO ONLY: the user is whoever the `x-demo-user` header names, so the example runs
      // without a login. A real app reads its session here, e.g. `(await auth())?.user?.id`.
      getUserId: (c) => c.req.header('x-demo-user'),
      ...stores(),
    }),
  )
}
