import { createPelmMock, type PelmMock, sandboxLogins, sandboxUtilities } from '@acme/pelm-mock'
import type { SandboxLoginHint, UtilityOption } from '../shared/types'

/** Where the sandbox is mounted on the demo's own server. */
export const SANDBOX_PATH = '/sandbox'

export interface DemoSandbox {
  /** The sandbox: mount `mock.app` at `SANDBOX_PATH`; the Pelm client calls `mock.fetch`. */
  mock: PelmMock
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
    utilities: sandboxUtilities.map(({ slug, name }) => ({ slug, name })),
    logins: sandboxLogins.map(({ username, password, description }) => ({
      username,
      password,
      description,
    })),
  }
}
