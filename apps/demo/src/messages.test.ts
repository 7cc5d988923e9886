import { describe, expect, it } from 'vitest'
import { describeError } from './messages'

// Every code the Pelm routes answer, the ones @acme/pelm-react adds, and the demo's own.
const CODES = [
  'bad_request',
  'invalid_body',
  'state_missing',
  'state_expired',
  'code_invalid',
  'unauthenticated',
  'cross_origin_request',
  'forbidden',
  'state_invalid',
  'state_mismatch',
  'not_found',
  'connection_not_found',
  'state_used',
  'payload_too_large',
  'unsupported_media_type',
  'rate_limited',
  'misconfigured',
  'internal_error',
  'upstream_error',
  'upstream_unavailable',
  'upstream_timeout',
  'network_error',
  'http_error',
  'invalid_response',
  'data_loading',
  'reconnect_required',
  'account_not_found',
  'access_denied',
  'connect_max_attempted_logins',
]

describe('describeError (issue 18 items 15 and 16)', () => {
  it.each(CODES)('has its own words for %s, without the code itself', (code) => {
    const words = describeError({ code })
    expect(words).not.toContain(code)
    expect(words).not.toBe(describeError({ code: 'made_up' }))
    expect(words).toMatch(/^[A-Z].{20,}\.$/)
  })

  it.each(['__proto__', 'constructor', 'toString', 'hasOwnProperty', 'valueOf', 'made_up'])(
    'answers a plain sentence for %s, never an inherited property',
    (code) => {
      const words = describeError({ code })
      expect(typeof words).toBe('string')
      expect(words).toBe('Something went wrong while talking to Pelm. Try again in a moment.')
    },
  )
})
