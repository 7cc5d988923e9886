import type { PelmConnectError } from '@acme/pelm-react'

const START_AGAIN = 'Nothing was changed. Start the connection again.'
const TRY_AGAIN = 'Try again in a moment.'

/**
 * Words a person understands for every error code the pages can meet: the demo server's, the Pelm
 * routes', `@acme/pelm-react`'s own, and the `error` Pelm Connect sends back to the callback page.
 * A `Map`, so a code from the address bar (`__proto__`, `constructor`) is only ever a key.
 */
const messages = new Map<string, string>([
  // the connect flow (POST /api/pelm/exchange, and Pelm's redirect back)
  [
    'state_missing',
    `This return link from Pelm is no longer valid in this browser. ${START_AGAIN}`,
  ],
  [
    'state_mismatch',
    `The answer from Pelm does not match a connection this browser started, so it was refused. ${START_AGAIN}`,
  ],
  ['state_invalid', `The answer from Pelm could not be checked, so it was refused. ${START_AGAIN}`],
  [
    'state_used',
    `This return link from Pelm was already used; each one works once. ${START_AGAIN}`,
  ],
  ['state_expired', `The connection took more than 30 minutes. ${START_AGAIN}`],
  ['code_invalid', `Pelm did not accept the connection code. ${START_AGAIN}`],
  [
    'connect_max_attempted_logins',
    'Too many sign-in attempts at your utility. Check your utility username and password, then try again.',
  ],
  ['access_denied', `Pelm Connect was not allowed to finish. ${START_AGAIN}`],
  ['user_initiated_exit', 'You left Pelm Connect before connecting. Nothing was connected.'],
  ['utility_unavailable', 'Your utility’s website is not answering right now. Try again later.'],
  [
    'connection_not_found',
    'This connection no longer exists (it may have been disconnected in another tab). Reload the page to see your connections.',
  ],
  // who is asking
  ['unauthenticated', 'You are signed out of Homewatt. Sign in, then try again.'],
  [
    'session_changed',
    'Someone else signed in to Homewatt in another tab of this browser, so this was not done.',
  ],
  [
    'cross_origin_request',
    'Homewatt refused a request that did not come from its own pages. Reload the page and try again.',
  ],
  ['forbidden', 'Homewatt refused this request. Reload the page and try again.'],
  ['rate_limited', 'Too many attempts in a short time. Wait a minute, then try again.'],
  // the network, the server, Pelm
  [
    'network_error',
    'The Homewatt server could not be reached. Check your internet connection and try again.',
  ],
  ['http_error', `The Homewatt server answered with an error. ${TRY_AGAIN}`],
  [
    'invalid_response',
    `The Homewatt server sent an answer this page could not read. Reload the page and try again.`,
  ],
  ['internal_error', `Something went wrong on the Homewatt server. ${TRY_AGAIN}`],
  [
    'misconfigured',
    'Homewatt is not set up to reach Pelm right now. The people running it have to fix it; try again later.',
  ],
  ['upstream_error', `Pelm could not be reached. ${TRY_AGAIN}`],
  ['upstream_unavailable', `Pelm is not available right now. ${TRY_AGAIN}`],
  ['upstream_timeout', `Pelm took too long to answer. ${TRY_AGAIN}`],
  ['bad_request', 'Homewatt could not understand this request. Reload the page and try again.'],
  ['invalid_body', 'Homewatt could not understand this request. Reload the page and try again.'],
  [
    'payload_too_large',
    'Homewatt could not understand this request. Reload the page and try again.',
  ],
  [
    'unsupported_media_type',
    'Homewatt could not understand this request. Reload the page and try again.',
  ],
  ['not_found', 'Homewatt could not find what this page asked for. Reload the page and try again.'],
  // reading the data
  [
    'data_loading',
    'Pelm is still gathering the data of this new connection. It usually takes a few seconds.',
  ],
  [
    'reconnect_required',
    'Pelm can no longer sign in to this utility account (was the password changed?). Reconnect it to see its data again.',
  ],
  ['account_not_found', 'This account is no longer part of the connection. Reload the page.'],
])

const FALLBACK = `Something went wrong while talking to Pelm. ${TRY_AGAIN}`

/**
 * What to tell a person about an error: our own words for every known code, and a plain sentence
 * for any other, never a raw code or an `HTTP 500`.
 */
export function describeError(error: Pick<PelmConnectError, 'code'>): string {
  return messages.get(error.code) ?? FALLBACK
}
