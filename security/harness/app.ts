import { createPelmMock, type PelmMock, type PelmMockOptions } from '@acme/pelm-mock'
import type { PelmEvent } from '@acme/pelm-server'
import {
  encryptedConnectionStore,
  memoryConnectionStore,
  unstorageConnectionStore,
} from '@acme/pelm-server'
import type { Connection, ExchangeResponse, PelmLogEvent } from '@acme/pelm-server/hono'
import { createStorage, type Storage } from 'unstorage'
import { codeFor, harness, type Started } from '../../packages/pelm-server/test/harness'
import { type ObservedConnectionStore, observeConnectionStore } from './connection-store'
import { createSecrets, type Secrets } from './secrets'

export { bindingCookie, type Started } from '../../packages/pelm-server/test/harness'
export { errorOf, jsonError } from './answers'

/** The app's own session, faked: a `session` cookie naming the signed-in user. */
export const SESSION_USER = /^[A-Za-z0-9][\w.@-]{0,63}$/

export interface HarnessOptions {
  /** Overrides of the `pelmRoutes` options. */
  routes?: Parameters<typeof harness>[0]
  /** Options of the sandbox. */
  mock?: PelmMockOptions
  /** `encrypted`: unstorage (memory driver) behind `encryptedConnectionStore`. Default `memory`. */
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

/** A flow started and finished at the sandbox: what the browser holds when it comes back. */
export interface Flow extends Started {
  code: string
}

export interface FlowOptions {
  /** The `POST /connect-token` body, e.g. `{ connectionId }` to reconnect. */
  body?: Record<string, unknown>
  /** The browser's cookies (its binding); none by default: a new browser. */
  cookie?: string
  /** The utility login the person signs in with. Default: a new one for every flow. */
  username?: string
}

let logins = 0

/**
 * pelm-server's test harness (a Hono app with `pelmRoutes` at `/api/pelm`, an in-process sandbox,
 * a fake session, every answer recorded) with generated secrets the suite scans for, a
 * connection store whose writes are observed, and the count of injected faults that fired.
 */
export function createHarness(options: HarnessOptions = {}) {
  const secrets: Secrets = options.secrets ?? createSecrets()
  const mock: PelmMock =
    options.sandbox ??
    createPelmMock({
      clientId: secrets.clientId,
      secret: secrets.clientSecret,
      // Every request the app makes is counted, however many a test sends.
      requestLog: { maxEntries: 10_000_000, maxAgeMs: 10 * 365 * 24 * 3_600_000 },
      ...options.mock,
    })
  const storage: Storage = options.storage ?? createStorage()
  const keys = options.tokenKeys ?? [secrets.tokenKey]
  const serverEvents: PelmEvent[] = []
  // Every access token the sandbox hands the app, kept for the secret scan even after its User
  // is deleted (the sandbox then forgets it).
  const issued = new Map<string, string>()
  const fetch: typeof mock.fetch = async (input, init) => {
    const response = await mock.fetch(input, init)
    if (String(input).endsWith('/auth/token') && response.ok) {
      const body = (await response.clone().json()) as { access_token?: unknown }
      if (typeof body.access_token === 'string') issued.set(body.access_token, 'the app')
    }
    return response
  }
  const store: ObservedConnectionStore = observeConnectionStore(
    options.store === 'encrypted'
      ? encryptedConnectionStore(unstorageConnectionStore(storage), { keys })
      : memoryConnectionStore(),
  )
  const base = harness(
    {
      clientId: secrets.clientId,
      secret: secrets.clientSecret,
      cookieSecret: secrets.cookieSecret,
      connectionStore: store,
      fetch,
      retry: { retries: 2, baseDelayMs: 1, maxDelayMs: 2 },
      timeoutMs: 10_000,
      onEvent: (event) => void serverEvents.push(event),
      // Attacks send far more requests per user than the default limits allow; the limits have
      // their own test (`attacks/rate-limits`).
      rateLimits: false,
      ...options.routes,
    },
    mock,
    { origin: options.origin, sessionUser: SESSION_USER },
  )
  /** A code as Pelm hands it back once the person finishes Connect from `started`. */
  const code = (started: Pick<Started, 'connectUrl'>, username?: string) =>
    codeFor(mock, started.connectUrl, username ?? `login-${++logins}@pelm.com`)
  const h = {
    ...base,
    secrets,
    storage,
    store,
    /** What `onEvent` received. */
    serverEvents,
    codeFor: code,
    /** `POST /connect-token`, then Connect finished at the sandbox (its pages skipped). */
    async flow(user: string, flowOptions: FlowOptions = {}): Promise<Flow> {
      const started = await base.start(user, flowOptions.body ?? {}, flowOptions.cookie)
      return { ...started, code: code(started, flowOptions.username) }
    },
    /** A whole flow for `user`, ending with the exchange's answer. */
    async connect(user: string, flowOptions: FlowOptions = {}) {
      const { state, cookie, code } = await h.flow(user, flowOptions)
      return base.exchange(user, { code, state }, cookie)
    },
    /** A whole flow that must succeed: the connection made (or renewed). */
    async connection(user: string, flowOptions: FlowOptions = {}): Promise<Connection> {
      const response = await h.connect(user, flowOptions)
      if (response.status !== 200) {
        throw new Error(`connecting ${user} failed: ${response.status} ${await response.text()}`)
      }
      return ((await response.json()) as ExchangeResponse).connection
    },
    /** Every request the sandbox received so far. */
    upstreamTotal: () => mock.requests.length,
    /** Every access token the sandbox issued so far, with the Pelm user it was issued to. */
    issuedTokens(): Map<string, string> {
      const tokens = new Map(issued)
      for (const user of mock.store.users.values()) {
        for (const token of user.accessTokens) tokens.set(token, user.userId)
      }
      return tokens
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
  issuedTokens(): Map<string, string>
  responses: readonly { headers: string; body: string }[]
  events: readonly PelmLogEvent[]
  serverEvents: readonly PelmEvent[]
}

const created: ScannedHarness[] = []

/** Every harness this test file created: their answers and logs are scanned for secrets. */
export const createdHarnesses = (): readonly ScannedHarness[] => created

export type Harness = ReturnType<typeof createHarness>
