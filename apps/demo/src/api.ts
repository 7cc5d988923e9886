import { PelmConnectError } from '@acme/pelm-react'
import * as v from 'valibot'
import { sessionFetch } from './session-fetch'

async function call(path: string, init: { method?: string; body?: unknown }): Promise<Response> {
  let response: Response
  try {
    response = await sessionFetch(path, {
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
  if (response.ok) return response
  const body: unknown = await response.json().catch(() => undefined)
  const error: unknown = Object(body).error
  const { code, message } = Object(error)
  throw new PelmConnectError({
    code: typeof code === 'string' ? code : 'http_error',
    message: typeof message === 'string' ? message : `The server answered ${response.status}.`,
    status: response.status,
  })
}

/**
 * Calls one of the demo server's JSON routes and answers its body once `schema` (from
 * `answers.ts`) has checked it. Every failure becomes a `PelmConnectError` (the type
 * `@acme/pelm-react` reports), so pages show every error one way: an answer that is not JSON, or
 * not of the expected shape (a proxy's page, another version of the server), is
 * `invalid_response`.
 */
export async function api<T>(
  path: string,
  schema: v.GenericSchema<unknown, T>,
  init: { method?: string; body?: unknown } = {},
): Promise<T> {
  const response = await call(path, init)
  const body: unknown = await response.json().catch(() => undefined)
  const checked = v.safeParse(schema, body)
  if (checked.success) return checked.output
  throw new PelmConnectError({ code: 'invalid_response', status: response.status })
}

/** The same for a route that answers no body (204). */
export async function send(path: string, init: { method: string; body?: unknown }): Promise<void> {
  await call(path, init)
}
