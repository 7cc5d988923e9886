import { SANDBOX_MFA_CODE } from '../sandbox/logins'
import { type ConnectPage, connectDriver, type FetchLike } from './connect-driver'
import { decodeEntities } from './html-form'

/**
 * Options of {@link completeConnect}.
 *
 * @example
 * ```ts
 * import type { CompleteConnectOptions } from '@acme/pelm-mock/testing'
 * const options: CompleteConnectOptions = { fetch: mock.fetch, utility: 'sce' }
 * ```
 */
export interface CompleteConnectOptions {
  /** Default: the global `fetch` (a sandbox served over HTTP). Pass `mock.fetch` for one in-process. */
  fetch?: FetchLike
  /**
   * The utility login to sign in with. Default `user@pelm.com` / `password`; `mfa@pelm.com` is
   * answered with the sandbox's MFA code.
   */
  login?: { username: string; password?: string }
  /** The slug of the utility to pick when the selection screen shows. Default `pge`. */
  utility?: string
}

/**
 * Connect stopped somewhere other than the hand-back: an error page (an unknown or expired
 * connect token), a refused login, or the utility-unavailable screen; or the URL answered no
 * Connect page at all (an app still building Pelm's own Connect URL). The message names the
 * screen, its heading and the errors it shows.
 *
 * @example
 * ```ts
 * import { completeConnect, ConnectFlowError } from '@acme/pelm-mock/testing'
 *
 * await expect(completeConnect(expiredUrl, { fetch: mock.fetch })).rejects.toBeInstanceOf(ConnectFlowError)
 * ```
 */
export class ConnectFlowError extends Error {
  constructor(readonly page: ConnectPage) {
    super(whereConnectStopped(page))
    this.name = 'ConnectFlowError'
  }
}

/** The text of the page's elements this pattern finds, tags dropped. */
const textsOf = (html: string, pattern: RegExp) =>
  Array.from(html.matchAll(pattern), (match) =>
    decodeEntities((match[1] ?? '').replace(/<[^>]+>/g, '')).trim(),
  )

/** The screen, its heading and the errors it shows; or that the page is no Connect page at all. */
function whereConnectStopped(page: ConnectPage): string {
  if (page.screen === undefined) {
    const url = new URL(page.url)
    return `${url.origin}${url.pathname} answered ${page.status} with no Pelm Connect page: is it the sandbox's connectUrl?`
  }
  const [title] = textsOf(page.html, /<h1\b[^>]*>([\s\S]*?)<\/h1>/g)
  const alerts = textsOf(page.html, /<p\b[^>]*role="alert"[^>]*>([\s\S]*?)<\/p>/g)
  return [`Pelm Connect stopped on the ${page.screen} screen (${page.status})`, title, ...alerts]
    .filter(Boolean)
    .join(': ')
}

/**
 * Walks the sandbox's hosted Connect pages from a connect URL (as your server builds it:
 * `connectUrl?redirect_uri=…&connect_token=…&state=…`) to the hand-back, without a browser. It
 * accepts the Terms (create mode only), picks the utility when the selection screen shows (not
 * when the connect token fixed one), signs in, and answers the MFA screen. Gives the hand-back
 * URL, `redirect_uri?code=…&state=…`, to call your callback route with; throws a
 * {@link ConnectFlowError} when Connect stops anywhere else.
 *
 * @example
 * ```ts
 * import { completeConnect } from '@acme/pelm-mock/testing'
 *
 * const { connectUrl } = await (await app.request('/api/pelm/connect-token', { method: 'POST' })).json()
 * const back = await completeConnect(connectUrl, { fetch: mock.fetch })
 * const code = back.searchParams.get('code')
 * const state = back.searchParams.get('state')
 * ```
 */
export async function completeConnect(
  connectUrl: string | URL,
  options: CompleteConnectOptions = {},
): Promise<URL> {
  const connect = connectDriver({ fetch: options.fetch })
  const { username, password = 'password' } = options.login ?? { username: 'user@pelm.com' }
  let page = await connect.load(connectUrl)
  if (page.screen === 'terms') page = await connect.submit(page, 'terms')
  if (page.screen === 'utility') {
    page = await connect.submit(page, 'utility', { utility: options.utility ?? 'pge' })
  }
  if (page.screen === 'credentials') page = await connect.signIn(page, username, password)
  if (page.screen === 'mfa') page = await connect.submit(page, 'mfa', { code: SANDBOX_MFA_CODE })
  if (!page.location) throw new ConnectFlowError(page)
  return new URL(page.location, page.url)
}
