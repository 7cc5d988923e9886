import { PelmConnectError } from '@acme/pelm-react'
import type { ErrorBody } from '../shared/types'

/**
 * Calls one of the demo server's JSON routes. Every failure becomes a `PelmConnectError` (the
 * same type `@acme/pelm-react` reports), so pages show every error one way.
 */
export async function api<T>(
  path: string,
  init: { method?: string; body?: unknown } = {},
): Promise<T> {
  let response: Response
  try {
    response = await fetch(path, {
      method: init.method ?? 'GET',
      credentials: 'same-origin',
      headers: init.body === undefined ? undefined : { 'content-type': 'application/json' },
      body: init.body === undefined ? undefined : JSON.stringify(init.body),
    })
  } catch (cause) {
    throw new PelmConnectError({
      code: 'network_error',
      message: 'The server could not be reached.',
      cause,
    })
  }
  if (response.status === 204) return undefined as T
  const body: unknown = await response.json().catch(() => undefined)
  if (response.ok && body !== undefined) return body as T
  const error = (body as Partial<ErrorBody> | undefined)?.error
  throw new PelmConnectError({
    code: error?.code ?? 'http_error',
    message: error?.message ?? `The server answered ${response.status}.`,
    status: response.status,
  })
}
