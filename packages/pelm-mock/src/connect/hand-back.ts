import type { ConnectSession } from './session'

/** What the flow reports to the app: a code on success, an error code otherwise. */
export type HandBack =
  | { code: string }
  | { error: 'user_initiated_exit' | 'connect_max_attempted_logins' }

/**
 * The `redirect_uri` with the outcome and `state` added to its query; the app's own query
 * parameters stay. `state` is echoed exactly, and left out when the app sent none.
 */
export function handBackUrl(
  session: Pick<ConnectSession, 'redirectUri' | 'state'>,
  outcome: HandBack,
): string {
  const url = new URL(session.redirectUri)
  for (const [name, value] of Object.entries(outcome)) url.searchParams.set(name, value)
  if (session.state !== undefined) url.searchParams.set('state', session.state)
  return url.href
}
