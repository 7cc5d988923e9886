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
  return connectUrlBuilder(input)(input.connectToken, input.state)
}

/** What `application/x-www-form-urlencoded` writes as it is (states always are). */
const FORM_SAFE = /^[A-Za-z0-9*._-]*$/

/** `application/x-www-form-urlencoded` of one value, as `URLSearchParams` writes it. */
const formEncode = (value: string) =>
  FORM_SAFE.test(value)
    ? value
    : encodeURIComponent(value)
        .replace(/[!'()~]/g, (char) => `%${char.charCodeAt(0).toString(16).toUpperCase()}`)
        .replace(/%20/g, '+')

/**
 * {@link buildConnectUrl} for one `redirectUri` and `connectUrl`, checked and parsed once: the
 * routes build a URL per request, and parsing two URLs each time costs more than the rest of it.
 * Internal.
 */
export function connectUrlBuilder(
  config: Pick<BuildConnectUrlInput, 'redirectUri' | 'connectUrl'>,
): (connectToken: string, state: string) => string {
  const notHttp = (name: string) =>
    new TypeError(`buildConnectUrl: ${name} must be an absolute http(s) URL.`)
  if (!parseHttpUrl(config.redirectUri)) throw notHttp('redirectUri')
  const url = parseHttpUrl(config.connectUrl ?? DEFAULT_CONNECT_URL)
  if (!url) throw notHttp('connectUrl')
  url.searchParams.set('redirect_uri', config.redirectUri)
  url.searchParams.delete('connect_token')
  url.searchParams.delete('state')
  const [base, fragment] = url.toString().split('#', 2)
  const tail = fragment === undefined ? '' : `#${fragment}`
  return (connectToken, state) => {
    for (const [name, value] of [
      ['connectToken', connectToken],
      ['state', state],
    ] as const) {
      if (typeof value !== 'string' || value === '') {
        throw new TypeError(`buildConnectUrl: ${name} must be a non-empty string.`)
      }
    }
    return `${base}&connect_token=${formEncode(connectToken)}&state=${formEncode(state)}${tail}`
  }
}
