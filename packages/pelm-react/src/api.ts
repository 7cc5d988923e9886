import { fields, isErrorInit, PelmConnectError } from './errors'

/** Where and how the hooks reach the app's Pelm routes. */
export interface PelmConfig {
  /**
   * Where the server's Pelm routes are mounted, without a trailing slash (paths are appended:
   * `${basePath}/connections`); `''` for routes at the root. Default `/api/pelm`.
   */
  basePath?: string
  /** A `fetch` to use instead of the global one (tests, instrumentation). */
  fetch?: typeof fetch
  /** Extra headers sent with every request (for example a CSRF token). */
  headers?: Record<string, string>
}

/**
 * Sends a JSON request to `{basePath}{path}` (fetch's default `same-origin` credentials carry the
 * session and state cookies); answers `unknown` or rejects with a `PelmConnectError`, never
 * throws: a custom `fetch` that throws instead of rejecting is a `network_error` too.
 */
export const request = (
  { basePath, fetch: send = fetch, headers }: PelmConfig & { basePath: string },
  path: string,
  method?: string,
  body?: object,
): Promise<unknown> =>
  new Promise<Response>((resolve) =>
    resolve(
      send(basePath + path, {
        method,
        headers: { 'content-type': 'application/json', ...headers },
        body: JSON.stringify(body),
      }),
    ),
  ).then(
    async (response) => {
      const { ok, status } = response
      const data: unknown = await response.json().catch(() => {})
      if (ok) return data
      // anything but `{ error: { code, message } }` becomes an http_error
      const { error } = fields(data)
      throw new PelmConnectError({
        ...(isErrorInit(error) ? error : { code: 'http_error', message: `HTTP ${status}` }),
        status,
      })
    },
    (cause) => {
      throw new PelmConnectError({ code: 'network_error', cause })
    },
  )

/** Throws `invalid_response` unless `ok`: server JSON is checked, never trusted. */
export function check(ok: unknown): asserts ok {
  if (!ok) throw new PelmConnectError({ code: 'invalid_response' })
}
