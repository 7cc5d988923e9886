import type { Context } from 'hono'
import { HTTPException } from 'hono/http-exception'
import type { ContentfulStatusCode } from 'hono/utils/http-status'

/**
 * Every `error.code` the routes answer, with its usual HTTP status.
 *
 * @example
 * ```ts
 * ERROR_STATUS.state_used // 409
 * ```
 */
export const ERROR_STATUS = {
  bad_request: 400,
  invalid_body: 400,
  state_missing: 400,
  state_expired: 400,
  code_invalid: 400,
  unauthenticated: 401,
  cross_origin_request: 403,
  forbidden: 403,
  state_invalid: 403,
  state_mismatch: 403,
  not_found: 404,
  connection_not_found: 404,
  state_used: 409,
  payload_too_large: 413,
  unsupported_media_type: 415,
  rate_limited: 429,
  misconfigured: 500,
  internal_error: 500,
  upstream_error: 502,
  upstream_unavailable: 503,
  upstream_timeout: 504,
} as const satisfies Record<string, ContentfulStatusCode>

/** An `error.code` of the JSON error body. */
export type PelmRouteErrorCode = keyof typeof ERROR_STATUS

/** The body of every error answer: `{ error: { code, message, upstreamCode? } }`. */
export interface PelmRouteErrorBody {
  error: { code: PelmRouteErrorCode; message: string; upstreamCode?: string }
}

/** Options of {@link PelmHttpError}. */
export interface PelmHttpErrorOptions {
  /** Pelm's `error_code`, passed on only when it is one of Pelm's documented codes. */
  upstreamCode?: string
  /** Another 4xx than the code's usual status (an app's own `HTTPException`). */
  status?: ContentfulStatusCode
  /** Seconds to wait before retrying; sent as `Retry-After`. */
  retryAfter?: number
  cause?: unknown
}

/**
 * A refusal of the Pelm routes. It renders as the JSON error body, also when it escapes to an
 * app's own error handler (it is an `HTTPException`).
 *
 * @example
 * ```ts
 * throw new PelmHttpError('state_expired', 'The state expired; start the connection again.')
 * ```
 */
export class PelmHttpError extends HTTPException {
  readonly code: PelmRouteErrorCode
  readonly upstreamCode: string | undefined
  readonly retryAfter: number | undefined
  override readonly status: ContentfulStatusCode

  constructor(code: PelmRouteErrorCode, message: string, options: PelmHttpErrorOptions = {}) {
    const status = options.status ?? ERROR_STATUS[code]
    super(status, { message, cause: options.cause })
    this.name = 'PelmHttpError'
    this.code = code
    this.status = status
    this.upstreamCode = options.upstreamCode
    this.retryAfter = options.retryAfter
  }

  get body(): PelmRouteErrorBody {
    return {
      error: {
        code: this.code,
        message: this.message,
        ...(this.upstreamCode !== undefined && { upstreamCode: this.upstreamCode }),
      },
    }
  }

  /** `Cache-Control: no-store`, plus `Retry-After` when set. */
  get headers(): Record<string, string> {
    return {
      'Cache-Control': 'no-store',
      ...(this.retryAfter !== undefined && { 'Retry-After': String(this.retryAfter) }),
    }
  }

  override getResponse(): Response {
    return Response.json(this.body, { status: this.status, headers: this.headers })
  }
}

/**
 * Answers a {@link PelmHttpError} as JSON, never cached.
 *
 * @example
 * ```ts
 * return jsonError(c, new PelmHttpError('not_found', 'No such route.'))
 * ```
 */
export function jsonError(c: Context, error: PelmHttpError): Response {
  return c.json(error.body, error.status, error.headers)
}

/**
 * The same 404 whether a connection id is malformed, unknown, or another user's: the answer
 * tells nothing about other users' connections.
 *
 * @example
 * ```ts
 * if (!record) throw connectionNotFound()
 * ```
 */
export const connectionNotFound = () =>
  new PelmHttpError('connection_not_found', 'No such connection for the signed-in user.')
