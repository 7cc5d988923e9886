/** What happened, as the `logger` option receives it. */
export type PelmLogEventName =
  | 'connect_token.created'
  | 'exchange.succeeded'
  | 'exchange.joined'
  | 'exchange.code_of_another_flow'
  | 'connection.renewed'
  | 'connection.deleted'
  | 'connection.status_failed'
  | 'connection.same_login_failed'
  | 'user.lookup_failed'
  | 'user.delete_failed'
  | 'request.rejected'
  | 'upstream.retry'
  | 'on_connected.failed'
  | 'on_disconnected.failed'
  | 'on_event.failed'
  | 'rate_limit.failed'
  | 'internal_error'

/**
 * A structured log event. It never holds the secret, the cookie secret, an access token, a
 * connect token, a code or a state: known values are replaced by `[redacted]` before the logger
 * sees them, and so are fields named like `token`, `secret`, `cookie` or `authorization`.
 */
export interface PelmLogEvent {
  level: 'debug' | 'info' | 'warn' | 'error'
  event: PelmLogEventName
  method?: string
  path?: string
  userId?: string
  connectionId?: string
  /** The `error.code` answered. */
  errorCode?: string
  status?: number
  /** Pelm's `error_code` and HTTP status, for upstream failures. */
  upstreamCode?: string
  upstreamStatus?: number
  /** For `upstream.retry`. */
  operation?: string
  retry?: number
  delayMs?: number
  reason?: string
  error?: { name: string; message: string }
}

/** The `logger` option: called synchronously; whatever it throws is ignored. */
export type PelmLogger = (event: PelmLogEvent) => void

/** Logs an event; `sensitive` lists per-request values (token, code…) to scrub as well. */
export type Log = (event: PelmLogEvent, sensitive?: readonly (string | undefined)[]) => void

const REDACTED = '[redacted]'
const SENSITIVE_KEY = /token|secret|password|authorization|cookie/i

function scrub(value: unknown, secrets: readonly string[]): unknown {
  if (typeof value === 'string') {
    return secrets.reduce((text, secret) => text.split(secret).join(REDACTED), value)
  }
  if (Array.isArray(value)) return value.map((item) => scrub(item, secrets))
  if (typeof value === 'object' && value !== null) {
    return Object.fromEntries(
      Object.entries(value).map(([key, item]) => [
        key,
        SENSITIVE_KEY.test(key) ? REDACTED : scrub(item, secrets),
      ]),
    )
  }
  return value
}

/**
 * Wraps the `logger` option: redacts, then calls it, ignoring its failures.
 *
 * @example
 * ```ts
 * const log = createLog(options.logger, [options.secret, options.cookieSecret])
 * log({ level: 'info', event: 'exchange.succeeded', userId }, [accessToken, code])
 * ```
 */
export function createLog(
  logger: PelmLogger | undefined,
  secrets: readonly (string | undefined)[],
): Log {
  if (!logger) return () => {}
  return (event, sensitive = []) => {
    const known = [...secrets, ...sensitive].filter(
      (value): value is string => !!value && value.length >= 4,
    )
    try {
      logger(scrub(event, known) as PelmLogEvent)
    } catch {}
  }
}

/** A thrown value as `{ name, message }`, for a log event. */
export const describeError = (error: unknown) =>
  error instanceof Error
    ? { name: error.name, message: error.message }
    : { name: typeof error, message: String(error) }
