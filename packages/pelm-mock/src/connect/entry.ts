import type { ConnectTokenRecord, SandboxStore } from '../sandbox/store'
import { isProblem, type Problem, problems } from './problems'

/** A connect token that is still valid, or the problem page explaining why it is not. */
export function checkConnectToken(
  store: SandboxStore,
  token: string | undefined,
): ConnectTokenRecord | Problem {
  if (!token) return problems.connectTokenMissing
  const record = store.findConnectToken(token)
  if (record) return record
  return store.connectTokens.has(token)
    ? problems.connectTokenExpired
    : problems.connectTokenUnknown
}

/**
 * An absolute http(s) URL without a fragment, normalized; `undefined` for anything else,
 * including spaces and control characters, which the URL parser would silently drop or trim
 * (`…/cb\r\nSet-Cookie: …` would become `…/cbSet-Cookie:%20…`).
 */
export function parseRedirectUri(value: string): string | undefined {
  // biome-ignore lint/suspicious/noControlCharactersInRegex: refusing them is the point
  if (/[\u0000-\u0020\u007f]/.test(value) || !URL.canParse(value)) return undefined
  const url = new URL(value)
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return undefined
  if (url.hash !== '' || value.includes('#')) return undefined
  return url.href
}

/** The entry query once the connect token and `redirect_uri` check out. */
export interface ValidEntry {
  record: ConnectTokenRecord
  redirectUri: string
  state: string | undefined
}

/** Checks the token first: a `redirect_uri` is only worth reading for a token Pelm issued. */
export function validateEntry(
  store: SandboxStore,
  query: { connectToken?: string; redirectUri?: string; state?: string },
): ValidEntry | Problem {
  const record = checkConnectToken(store, query.connectToken)
  if (isProblem(record)) return record
  if (!query.redirectUri) return problems.redirectUriMissing
  const redirectUri = parseRedirectUri(query.redirectUri)
  if (!redirectUri) return problems.redirectUriInvalid
  return { record, redirectUri, state: query.state }
}
