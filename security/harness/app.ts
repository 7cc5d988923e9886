import { createPelmMock, type PelmMock, type PelmMockOptions } from '@acme/pelm-mock'
import { encryptedTokenStore, memoryTokenStore, unstorageTokenStore } from '@acme/pelm-server'
import type { PelmLogEvent } from '@acme/pelm-server/hono'
import { createStorage, type Storage } from 'unstorage'
import { codeFor, harness } from '../../packages/pelm-server/src/hono/test-support'
import { createSecrets, type Secrets } from './secrets'
import { type ObservedTokenStore, observeTokenStore } from './token-store'

export { stateCookie } from '../../packages/pelm-server/src/hono/test-support'
export { errorOf, jsonError } from './answers'

/** The app's own session, faked: a `session` cookie naming the signed-in user. */
export const SESSION_USER = /^[A-Za-z0-9][\w.@-]{0,63}$/

export interface HarnessOptions {
  /** Overrides of the `pelmRoutes` options. */
  routes?: Parameters<typeof harness>[0]
  /** Options of the sandbox. */
  mock?: PelmMockOptions
  /** `encrypted`: unstorage (memory driver) behind `encryptedTokenStore`. Default `memory`. */
  store?: 'memory' | 'encrypted'
  /** The app's origin. Default `http://app.localhost`. */
  origin?: string
  /** Share secrets, sandbox and storage with another harness (another instance of the app). */
  secrets?: Secrets
  sandbox?: PelmMock
  storage?: Storage
  /** Keys of the encrypted store, newest first. Default: `[secrets.tokenKey]`. */
  tokenKeys?: string[]
}

/**
 * pelm-server's test harness (a Hono app with `pelmRoutes` at `/api/pelm`, an in-process sandbox,
 * a fake session, every answer recorded) with generated secrets the suite scans for, a token
 * store whose writes are observed, and the count of injected faults that fired.
 */
export function createHarness(options: HarnessOptions = {}) {
  const secrets: Secrets = options.secrets ?? createSecrets()
  const mock: PelmMock =
    options.sandbox ??
    createPelmMock({ clientId: secrets.clientId, secret: secrets.clientSecret, ...options.mock })
  const storage: Storage = options.storage ?? createStorage()
  const keys = options.tokenKeys ?? [secrets.tokenKey]
  const tokens: ObservedTokenStore = observeTokenStore(
    options.store === 'encrypted'
      ? encryptedTokenStore(unstorageTokenStore(storage), { keys })
      : memoryTokenStore(),
  )
  const base = harness(
    {
      clientId: secrets.clientId,
      secret: secrets.clientSecret,
      cookieSecret: secrets.cookieSecret,
      tokenStore: tokens,
      retry: { retries: 2, baseDelayMs: 1, maxDelayMs: 2 },
      timeoutMs: 10_000,
      ...options.routes,
    },
    mock,
    { origin: options.origin, sessionUser: SESSION_USER },
  )
  const h = {
    ...base,
    secrets,
    storage,
    tokens,
    /** A code as Pelm hands it back once `user` completes Connect. */
    codeFor: (user: string) => codeFor(mock, user),
    /** The whole flow for `user`, Connect's pages skipped: start, code, exchange. */
    async connect(user: string) {
      const { state, cookie } = await base.start(user)
      return base.exchange(user, { code: codeFor(mock, user), state }, cookie)
    },
    /** How many injected faults fired so far. */
    faultsInjected: () => mock.faults.fired,
  }
  created.push(h)
  return h
}

/** What the setup file scans of each harness. */
export interface ScannedHarness {
  secrets: Secrets
  mock: PelmMock
  responses: readonly { headers: string; body: string }[]
  events: readonly PelmLogEvent[]
}

const created: ScannedHarness[] = []

/** Every harness this test file created: their answers and logs are scanned for secrets. */
export const createdHarnesses = (): readonly ScannedHarness[] => created

export type Harness = ReturnType<typeof createHarness>
