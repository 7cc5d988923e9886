import type { ConnectSession } from './session'

/** What the flow reports to the app: a code on success, an error code otherwise. */
export type HandBack =
  | { code: string }
  | { error: 'user_initiated_exit' | 'connect_max_attempted_logins' }

/** The name of one raw `name=value` pair of a query, decoded. */
const pairName = (pair: string) => new URLSearchParams(pair).keys().next().value ?? ''

/**
 * The `redirect_uri` with the outcome and `state` added to its query. The app's own query stays
 * as it was written (RFC 6749 §3.1.2: retained, not re-encoded), except for parameters named like
 * the ones added, which they replace. `state` is echoed exactly, and left out when the app sent
 * none.
 */
export function handBackUrl(
  session: Pick<ConnectSession, 'redirectUri' | 'state'>,
  outcome: HandBack,
): string {
  const url = new URL(session.redirectUri)
  const added = new URLSearchParams(outcome)
  if (session.state !== undefined) added.set('state', session.state)
  const kept = url.search
    .slice(1)
    .split('&')
    .filter((pair) => pair !== '' && !added.has(pairName(pair)))
  url.search = [...kept, added.toString()].join('&')
  return url.href
}
