import { randomBytes } from 'node:crypto'
import {
  createPelmMock,
  type PelmMock,
  type PelmMockState,
  PelmMockStateError,
  sandboxLogins,
  sandboxUtilities,
} from '@acme/pelm-mock'
import type { Storage } from 'unstorage'
import type { SandboxLoginHint, UtilityOption } from '../shared/types'

/** Where the sandbox is mounted on the demo's own server. */
export const SANDBOX_PATH = '/sandbox'
/** The key of the sandbox's Users and tokens in the demo's storage. */
export const SANDBOX_STATE_KEY = 'sandbox:state'

export interface DemoSandbox {
  /** The sandbox: mount `mock.app` at `SANDBOX_PATH`; the Pelm client calls `mock.fetch`. */
  mock: PelmMock
  utilities: UtilityOption[]
  logins: SandboxLoginHint[]
  /** Resolves once every change so far is written to the storage. */
  saved(): Promise<void>
}

/**
 * The offline Pelm sandbox, served under `/sandbox` by the demo itself: the browser reaches the
 * Connect pages on the demo's origin, and the Pelm client calls the API in-process.
 *
 * Its API is mounted there too, so it gets a random secret at each start instead of the published
 * `sandbox_secret`: only this process (`mock.credentials`) can create connect tokens, exchange
 * codes or use the sandbox's password-change route. Nothing depends on the secret across restarts
 * (access tokens and Users are not tied to it). It keeps no request log: nothing reads one, and it
 * would hold session cookies, typed sandbox passwords and Bearer tokens.
 *
 * Its Pelm Users and their access tokens live in the same storage as the demo's connections
 * (`sandbox:state`): read at start, written after each change, in order. A restart then finds
 * the Users its stored connections point to, instead of a sandbox that forgot them.
 */
export async function demoSandbox(
  publicUrl: string,
  options: { dataDelayMs: number; storage: Storage },
): Promise<DemoSandbox> {
  const { storage, dataDelayMs } = options
  let state = (await storage.getItem(SANDBOX_STATE_KEY)) ?? undefined
  if (typeof state === 'string') {
    // unstorage answers a file it cannot parse with its text, which holds every access token:
    // the sandbox's own message would print it whole.
    console.warn(
      `! The saved sandbox state (${SANDBOX_STATE_KEY}) is not JSON and was not loaded; starting empty.`,
    )
    state = undefined
  }
  let writes = Promise.resolve()
  const save = (next: PelmMockState) => {
    writes = writes
      .then(() => storage.setItem(SANDBOX_STATE_KEY, next))
      .catch((error) => console.error('The sandbox state could not be saved:', error))
  }
  const secret = randomBytes(32).toString('base64url')
  const create = (saved: unknown) =>
    createPelmMock({
      baseUrl: `${publicUrl}${SANDBOX_PATH}`,
      secret,
      requestLog: false,
      dataDelayMs,
      state: saved,
      onChange: save,
    })
  let mock: PelmMock
  try {
    mock = create(state)
  } catch (error) {
    if (!(error instanceof PelmMockStateError)) throw error
    // A state from another version of the sandbox: start empty (people connect again) rather than not at all.
    console.warn(`! The saved sandbox state was not loaded (${error.message}); starting empty.`)
    mock = create(undefined)
  }
  return {
    mock,
    utilities: sandboxUtilities.map(({ slug, name }) => ({ slug, name })),
    logins: sandboxLogins.map(({ username, password, description }) => ({
      username,
      password,
      description,
    })),
    saved: () => writes,
  }
}
