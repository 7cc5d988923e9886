/**
 * `PelmConnectError.code`: the codes the server sends, plus the ones this package adds
 * (`network_error`, `http_error`, `invalid_response`), plus any `error` Pelm sends back to the
 * callback page (`connect_max_attempted_logins`, …). Named apart from the server package's
 * `PelmRouteErrorCode` and `PelmClientErrorCode`, which mean other sets.
 */
export type PelmConnectErrorCode =
  | 'network_error'
  | 'http_error'
  | 'invalid_response'
  | 'unauthenticated'
  | 'state_invalid'
  | 'state_mismatch'
  | 'state_used'
  | 'state_expired'
  | 'code_invalid'
  | 'connection_not_found'
  | 'upstream_error'
  | 'upstream_timeout'
  | (string & {})

/** What `PelmConnectError` is built from; it also survives JSON and `postMessage`. */
export interface PelmConnectErrorInit {
  code: PelmConnectErrorCode
  /** Default: the code. */
  message?: string
  /** The HTTP status of the failed response; absent for network failures and Pelm redirect errors. */
  status?: number
  cause?: unknown
}

/**
 * Every failure this package reports: a failed request, an error JSON body from the server, or an
 * `error` parameter Pelm sent back to the callback page (`connect_max_attempted_logins`, …).
 *
 * @example
 * ```ts
 * onError(error) {
 *   if (error.code === 'unauthenticated') signIn()
 *   else if (error.retryable) toast('Connection problem, try again')
 * }
 * ```
 */
export class PelmConnectError extends Error {
  override readonly name = 'PelmConnectError'
  declare readonly code: PelmConnectErrorCode
  declare readonly status?: number
  /** True for network failures and 5xx answers: the same action may succeed when repeated. */
  declare readonly retryable: boolean

  constructor(init: PelmConnectErrorInit) {
    // `init` doubles as the options bag: Error reads its `cause`
    super(init.message ?? init.code, init)
    this.code = init.code
    this.status = init.status
    this.retryable = init.code === 'network_error' || (init.status ?? 0) >= 500
  }
}

/** Reads the fields of any value, each `unknown` until checked (`null` and `undefined` have none). */
export const fields = (value: unknown): { [field: string]: unknown } => Object(value)

/**
 * Whether untrusted data (an error body, a message from the popup) can build a `PelmConnectError`:
 * it has a string `code`. Codes are compared, never looked up, so `__proto__` or `constructor`
 * are codes like any other; `Error` turns any `message` into a string.
 */
export const isErrorInit = (value: unknown): value is PelmConnectErrorInit =>
  typeof fields(value).code === 'string'
