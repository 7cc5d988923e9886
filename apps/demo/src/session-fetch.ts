import { SESSION_USER_HEADER } from '../shared/headers'

let shownUserId: string | undefined

/** The user the pages show now (`undefined`: nobody, or not known yet). */
export function showUser(id: string | undefined): void {
  shownUserId = id
}

/**
 * `fetch` with the id of the user the pages show, for the demo's routes and `PelmProvider`: the
 * server refuses (409 `session_changed`) a call made while another user is signed in, from
 * another tab, instead of acting on that user's account.
 *
 * @example
 * ```tsx
 * <PelmProvider basePath="/api/pelm" fetch={sessionFetch}>…</PelmProvider>
 * ```
 */
export const sessionFetch: typeof fetch = (input, init) => {
  if (shownUserId === undefined) return fetch(input, init)
  const headers = new Headers(
    init?.headers ?? (input instanceof Request ? input.headers : undefined),
  )
  headers.set(SESSION_USER_HEADER, encodeURIComponent(shownUserId))
  return fetch(input, { ...init, headers })
}
