import { createPelmMock, type PelmMock, sandboxLogins, sandboxUtilities } from '@acme/pelm-mock'
import type { Hono } from 'hono'
import type { SandboxLoginHint, UtilityOption } from '../shared/types'

/** Where the sandbox is mounted on the demo's own server. */
export const SANDBOX_PATH = '/sandbox'

export interface DemoSandbox {
  mock: PelmMock
  /** Mount it with `app.route(SANDBOX_PATH, sandbox.app)`: the hosted Connect pages and the API. */
  app: Hono
  apiUrl: string
  connectUrl: string
  /** Answers the Pelm client from the sandbox in-process, without a round trip through a socket. */
  fetch: typeof globalThis.fetch
  utilities: UtilityOption[]
  logins: SandboxLoginHint[]
}

/**
 * The offline Pelm sandbox, served under `/sandbox` by the demo itself: the browser reaches the
 * Connect pages on the demo's origin, and the Pelm client calls the API in-process.
 */
export function demoSandbox(publicUrl: string, options: { dataDelayMs: number }): DemoSandbox {
  const mock = createPelmMock({ baseUrl: `${publicUrl}${SANDBOX_PATH}`, ...options })
  return {
    mock,
    app: mock.app,
    apiUrl: mock.apiUrl,
    connectUrl: mock.connectUrl,
    fetch: mock.fetch,
    utilities: sandboxUtilities.map(({ slug, name }) => ({ slug, name })),
    logins: sandboxLogins.map(({ username, password, description }) => ({
      username,
      password,
      description,
    })),
  }
}
