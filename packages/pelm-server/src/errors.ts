/** What went wrong talking to Pelm, one value per failure mode. */
export type PelmClientErrorCode =
  | 'bad_request'
  | 'unauthorized'
  | 'upstream_unavailable'
  | 'timeout'
  | 'invalid_response'

/** Details every {@link PelmError} may carry. */
export interface PelmErrorOptions {
  /** The HTTP status Pelm answered, when it answered. */
  status?: number
  /** Pelm's `error_code`, e.g. `parameter_invalid` or `data_unavailable`. */
  upstreamCode?: string
  /** Pelm's `error_message` (or `message`): for logs, never for end users. */
  upstreamMessage?: string
  cause?: unknown
}

/**
 * The base of every error the Pelm client throws. Switch on `code`, or use `instanceof` on a
 * subclass.
 *
 * @example
 * ```ts
 * try {
 *   await pelm.exchangeCode(code)
 * } catch (error) {
 *   if (error instanceof PelmError && error.code === 'bad_request') {
 *     console.warn('Pelm refused the code', error.upstreamCode)
 *   }
 * }
 * ```
 */
export class PelmError extends Error {
  readonly code: PelmClientErrorCode
  readonly status: number | undefined
  readonly upstreamCode: string | undefined
  readonly upstreamMessage: string | undefined

  constructor(code: PelmClientErrorCode, message: string, options: PelmErrorOptions = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause })
    this.name = 'PelmError'
    this.code = code
    this.status = options.status
    this.upstreamCode = options.upstreamCode
    this.upstreamMessage = options.upstreamMessage
  }
}

/**
 * Pelm refused the request itself: a bad parameter, an unknown or used code, an invalid access
 * token, another user's account (4xx other than a rejected client id/secret).
 *
 * @example
 * ```ts
 * if (error instanceof PelmBadRequestError) return { ok: false, reason: error.upstreamCode }
 * ```
 */
export class PelmBadRequestError extends PelmError {
  constructor(message: string, options?: PelmErrorOptions) {
    super('bad_request', message, options)
    this.name = 'PelmBadRequestError'
  }
}

/**
 * Pelm rejected the client id or secret (401/403 `credentials_invalid`): the server is
 * misconfigured; retrying will not help.
 *
 * @example
 * ```ts
 * if (error instanceof PelmAuthError) alertOperator('Check PELM_CLIENT_ID and PELM_SECRET')
 * ```
 */
export class PelmAuthError extends PelmError {
  constructor(message: string, options?: PelmErrorOptions) {
    super('unauthorized', message, options)
    this.name = 'PelmAuthError'
  }
}

/**
 * Pelm could not be reached or could not serve the request: network failure, 5xx, 429, a quota,
 * or data still loading (`data_unavailable`) after the retries ran out.
 *
 * @example
 * ```ts
 * if (error instanceof PelmUnavailableError && error.upstreamCode === 'data_unavailable') {
 *   return c.json({ loading: true }, 202)
 * }
 * ```
 */
export class PelmUnavailableError extends PelmError {
  constructor(message: string, options?: PelmErrorOptions) {
    super('upstream_unavailable', message, options)
    this.name = 'PelmUnavailableError'
  }
}

/**
 * The call did not finish within `timeoutMs` (retries included).
 *
 * @example
 * ```ts
 * if (error instanceof PelmTimeoutError) return c.json({ retryLater: true }, 504)
 * ```
 */
export class PelmTimeoutError extends PelmError {
  readonly timeoutMs: number

  constructor(timeoutMs: number, options?: PelmErrorOptions) {
    super('timeout', `Pelm did not answer within ${timeoutMs} ms.`, options)
    this.name = 'PelmTimeoutError'
    this.timeoutMs = timeoutMs
  }
}

/**
 * Pelm answered something this client does not understand: malformed JSON, or JSON of the wrong
 * shape. The body is not kept (it may hold a token).
 *
 * @example
 * ```ts
 * if (error instanceof PelmInvalidResponseError) logger.error(error.message)
 * ```
 */
export class PelmInvalidResponseError extends PelmError {
  constructor(message: string, options?: PelmErrorOptions) {
    super('invalid_response', message, options)
    this.name = 'PelmInvalidResponseError'
  }
}

/**
 * Whether a failure means Pelm no longer has the utility login behind an access token: the User
 * is gone (404) or Pelm no longer takes the token (`token_invalid`). Only a new Connect flow
 * helps: `GET /connections` shows such a connection as `reconnect_required`, and a disconnect
 * counts it as already deleted.
 *
 * @example
 * ```ts
 * try {
 *   await pelm.getAccounts(connection.accessToken)
 * } catch (error) {
 *   if (isLoginGone(error)) return c.json({ reconnect: connection.id }, 409)
 *   throw error
 * }
 * ```
 */
export function isLoginGone(error: unknown): error is PelmBadRequestError {
  return (
    error instanceof PelmBadRequestError &&
    (error.status === 404 || error.upstreamCode === 'token_invalid')
  )
}
