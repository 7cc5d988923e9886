import type { PelmConnectError } from '@acme/pelm-react'

const START_AGAIN = 'Nothing was changed. Start the connection again.'

const messages: Record<string, string> = {
  state_missing: `This return link from Pelm is no longer valid in this browser (it was already used, or the connection was started elsewhere). ${START_AGAIN}`,
  state_mismatch: `The answer from Pelm does not match the connection this browser started, so it was refused. ${START_AGAIN}`,
  state_invalid: `The connection check failed, so the answer from Pelm was refused. ${START_AGAIN}`,
  state_user_mismatch: `This connection was started by someone else signed in to Homewatt. ${START_AGAIN}`,
  state_used: `This return link from Pelm was already used; each one works once. ${START_AGAIN}`,
  state_expired: `The connection took more than 30 minutes. ${START_AGAIN}`,
  code_invalid: `Pelm did not accept the connection code. ${START_AGAIN}`,
  connect_max_attempted_logins:
    'Too many sign-in attempts at your utility. Check your utility username and password, then try again.',
  unauthenticated: 'You are signed out of Homewatt. Sign in, then try again.',
  network_error: 'The Homewatt server could not be reached. Check your connection and try again.',
  upstream_error: 'Pelm could not be reached. Try again in a moment.',
  upstream_timeout: 'Pelm took too long to answer. Try again in a moment.',
  internal_error: 'Something went wrong on the Homewatt server. Try again in a moment.',
}

/** What to tell a person about an error: our own words for known codes, the server's otherwise. */
export function describeError(error: Pick<PelmConnectError, 'code' | 'message'>): string {
  return messages[error.code] ?? error.message
}
