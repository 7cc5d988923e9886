import type { ContentfulStatusCode } from 'hono/utils/http-status'
import type { PelmApiErrorCode } from '../sandbox/errors'

/**
 * A refusal the API answers with Pelm's error body. Handlers and validators throw it; the API's
 * error handler turns it into `{ error_code, error_message }` with `status`.
 */
export class PelmApiError extends Error {
  constructor(
    readonly status: ContentfulStatusCode,
    readonly code: PelmApiErrorCode,
    message: string,
  ) {
    super(message)
    this.name = 'PelmApiError'
  }
}

/** 400 `parameter_missing`. */
export const parameterMissing = (message: string) =>
  new PelmApiError(400, 'parameter_missing', message)

/** 400 `parameter_invalid`. */
export const parameterInvalid = (message: string) =>
  new PelmApiError(400, 'parameter_invalid', message)

/** 403 `permission_denied`: the resource is not the token's user's (or does not exist). */
export const permissionDenied = (message: string) =>
  new PelmApiError(403, 'permission_denied', message)

/** 404 `not_found`: no connected Pelm User has this `user_id` (never had, or was deleted). */
export const userNotFound = (userId: string | undefined) =>
  new PelmApiError(404, 'not_found', `No user ${JSON.stringify(userId ?? '')} is connected.`)
