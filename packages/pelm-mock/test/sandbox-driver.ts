import { connectDriver } from '@acme/pelm-mock/testing'
import type { PelmMock } from '../src/create-pelm-mock'
import { findUtility } from '../src/sandbox/utilities'

/** Where the sandbox's own tests send Connect back to; no page is ever loaded there. */
export const TEST_REDIRECT_URI = 'https://app.example/pelm/callback'

export interface StartOptions {
  userId?: string
  /** A utility slug fixed in the connect token. */
  utility?: string
  redirectUri?: string
  state?: string
}

/**
 * The public Connect driver plus shortcuts for the sandbox's own tests: `open` an entry URL from
 * its query, `start` a flow with a connect token made in the store, walk `toCredentials`.
 */
export function sandboxDriver(mock: PelmMock, send: PelmMock['fetch'] = mock.fetch) {
  const driver = connectDriver({ fetch: send })

  /** Opens the entry page with these query parameters (`undefined` ones left out). */
  const open = (query: Record<string, string | undefined>, path = '/') => {
    const url = new URL(`${mock.connectUrl}${path}`)
    for (const [name, value] of Object.entries(query)) {
      if (value !== undefined) url.searchParams.set(name, value)
    }
    return driver.load(url)
  }

  /** Issues a connect token and opens Connect with it. */
  const start = (options: StartOptions = {}) => {
    const utility = options.utility ? findUtility({ slug: options.utility }) : undefined
    const record = mock.store.createConnectToken(options.userId ?? 'user-1', utility)
    return open({
      connect_token: record.token,
      redirect_uri: options.redirectUri ?? TEST_REDIRECT_URI,
      state: options.state,
    })
  }

  /** Starts a flow and walks through Terms and Utility selection (PG&E) where they show. */
  const toCredentials = async (options: StartOptions = {}) => {
    let page = await start(options)
    if (page.screen === 'terms') page = await driver.submit(page, 'terms')
    if (page.screen === 'utility') page = await driver.submit(page, 'utility', { utility: 'pge' })
    return page
  }

  return { ...driver, open, start, toCredentials }
}

export type SandboxDriver = ReturnType<typeof sandboxDriver>
