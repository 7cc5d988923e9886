import type { Context } from 'hono'
import { HTTPException } from 'hono/http-exception'
import type { ContentfulStatusCode } from 'hono/utils/http-status'

/**
 * Every `error.code` the routes answer, with its HTTP status.
 *
 * @example
 * ```ts
 * ERROR_STATUS.state_used // 409
 * ```
 */
export const ERROR_STATUS = {
  invalid_body: 400,
  state_missing: 400,
  state_expired: 400,
  code_invalid: 400,
  unauthenticated: 401,
  cross_origin_request: 403,
  state_invalid: 403,
  state_mismatch: 403,
  state_user_mismatch: 403,
  not_found: 404,
  state_used: 409,
  payload_too_large: 413,
  unsupported_media_type: 415,
  misconfigured: 500,
  internal_error: 500,
  upstream_error: 502,
  upstream_timeout: 504,
} as const satisfies Record<string, ContentfulStatusCode>

/** An `error.code` of the JSON error body. */
export type PelmRouteErrorCode = keyof typeof ERROR_STATUS

/** The body of every error answer: `{ error: { code, message, upstreamCode? } }`. */
export interface PelmErrorBody {
  error: { code: PelmRouteErrorCode; message: string; upstreamCode?: string }
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
  override readonly status: ContentfulStatusCode

  constructor(
    code: PelmRouteErrorCode,
    message: string,
    options: { upstreamCode?: string; cause?: unknown } = {},
  ) {
    super(ERROR_STATUS[code], { message, cause: options.cause })
    this.name = 'PelmHttpError'
    this.code = code
    this.status = ERROR_STATUS[code]
    this.upstreamCode = options.upstreamCode
  }

  get body(): PelmErrorBody {
    return {
      error: {
        code: this.code,
        message: this.message,
        ...(this.upstreamCode !== undefined && { upstreamCode: this.upstreamCode }),
      },
    }
  }

  override getResponse(): Response {
    return Response.json(this.body, {
      status: this.status,
      headers: { 'Cache-Control': 'no-store' },
    })
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
  return c.json(error.body, error.status, { 'Cache-Control': 'no-store' })
}
