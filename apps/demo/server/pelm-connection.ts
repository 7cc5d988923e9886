import type { Storage } from 'unstorage'
import type { DemoSettings } from '../shared/types'
import type { DemoConfig } from './config'
import { type DemoSandbox, demoSandbox } from './sandbox'

export interface PelmConnection {
  /** Spread into `pelmRoutes` and `createPelmClient`. */
  credentials: {
    clientId: string
    secret: string
    apiUrl?: string
    connectUrl?: string
    fetch?: typeof globalThis.fetch
  }
  settings: DemoSettings
  sandbox?: DemoSandbox
}

/**
 * Live Pelm when `PELM_CLIENT_ID` and `PELM_SECRET` are set (hosts overridable); otherwise the
 * sandbox, in this process, with the Connect pages on the demo's own origin and its Users kept in
 * the demo's storage.
 */
export async function pelmConnection(
  pelm: DemoConfig['pelm'],
  publicUrl: string,
  storage: Storage,
): Promise<PelmConnection> {
  if (pelm.mode === 'live') {
    const { clientId, secret, apiUrl, connectUrl } = pelm
    return {
      credentials: { clientId, secret, apiUrl, connectUrl },
      settings: { mode: 'live', utilities: [], sandboxLogins: [] },
    }
  }
  const sandbox = await demoSandbox(publicUrl, { dataDelayMs: pelm.dataDelayMs, storage })
  const { mock } = sandbox
  return {
    credentials: {
      ...mock.credentials,
      apiUrl: mock.apiUrl,
      connectUrl: mock.connectUrl,
      fetch: mock.fetch,
    },
    settings: { mode: 'sandbox', utilities: sandbox.utilities, sandboxLogins: sandbox.logins },
    sandbox,
  }
}
