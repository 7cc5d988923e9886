import type { PelmMock } from '@acme/pelm-mock'
import { connectDriver } from '../../packages/pelm-mock/src/connect/test-utils.ts'

export interface ConnectLogin {
  username: string
  password: string
}

/**
 * Walks the sandbox's hosted Connect pages over real HTTP as a browser without JavaScript would:
 * Terms and utility selection (PG&E) where they show, then the credentials, until Connect hands
 * the user back. Answers the hand-back URL (`redirect_uri?code=…&state=…`).
 */
export async function completeHostedConnect(
  sandbox: PelmMock,
  connectUrl: string,
  login: ConnectLogin = { username: 'user@pelm.com', password: 'password' },
): Promise<URL> {
  const connect = connectDriver(sandbox, fetch)
  let page = await connect.load(connectUrl)
  if (page.screen === 'terms') page = await connect.submit(page, 'terms')
  if (page.screen === 'utility') page = await connect.submit(page, 'utility', { utility: 'pge' })
  const back = await connect.signIn(page, login.username, login.password)
  if (!back.location) throw new Error(`Connect did not hand the user back (${back.status})`)
  return new URL(back.location, connectUrl)
}
