import { parseHttpUrl } from './option-schemas'

/**
 * Pelm's hosted Connect page, the default `connectUrl`.
 *
 * @example
 * ```ts
 * buildConnectUrl({ connectToken, redirectUri, state, connectUrl: DEFAULT_CONNECT_URL })
 * ```
 */
export const DEFAULT_CONNECT_URL = 'https://connect.pelm.com/'

/** Input of {@link buildConnectUrl}. */
export interface BuildConnectUrlInput {
  /** From `createConnectToken`. */
  connectToken: string
  /** Where Connect sends the user back with `code` and `state`: from server config, exact. */
  redirectUri: string
  /** The one-time state value Connect echoes back; always sent (fail closed). */
  state: string
  /** The hosted Connect URL. Default `https://connect.pelm.com/`. */
  connectUrl?: string
}

/**
 * Builds the URL that sends a user to Pelm Connect:
 * `CONNECT_URL?redirect_uri=…&connect_token=…&state=…`. Query parameters already on
 * `connectUrl` are kept.
 *
 * @example
 * ```ts
 * import { buildConnectUrl } from '@acme/pelm-server'
 *
 * const url = buildConnectUrl({
 *   connectToken,
 *   redirectUri: 'https://app.example.com/pelm/callback',
 *   state,
 * })
 * // → https://connect.pelm.com/?redirect_uri=https%3A%2F%2Fapp.example.com%2Fpelm%2Fcallback&connect_token=…&state=…
 * ```
 */
export function buildConnectUrl(input: BuildConnectUrlInput): string {
  for (const name of ['connectToken', 'state'] as const) {
    if (typeof input[name] !== 'string' || input[name] === '') {
      throw new TypeError(`buildConnectUrl: ${name} must be a non-empty string.`)
    }
  }
  const notHttp = (name: string) =>
    new TypeError(`buildConnectUrl: ${name} must be an absolute http(s) URL.`)
  if (!parseHttpUrl(input.redirectUri)) throw notHttp('redirectUri')
  const url = parseHttpUrl(input.connectUrl ?? DEFAULT_CONNECT_URL)
  if (!url) throw notHttp('connectUrl')
  url.searchParams.set('redirect_uri', input.redirectUri)
  url.searchParams.set('connect_token', input.connectToken)
  url.searchParams.set('state', input.state)
  return url.toString()
}
