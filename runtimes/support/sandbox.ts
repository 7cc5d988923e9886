import { randomBytes } from 'node:crypto'
import type { ServedPelmMock } from '@acme/pelm-mock'
import type { ExampleSettings } from './targets'

/** Where Connect sends users back: the app's callback page, which these tests never load. */
export const REDIRECT_URI = 'http://127.0.0.1:5173/pelm/callback'

/** The settings an example needs to use `sandbox` as its Pelm, with fresh secrets. */
export function exampleSettings(sandbox: ServedPelmMock): ExampleSettings {
  return {
    PELM_CLIENT_ID: sandbox.credentials.clientId,
    PELM_SECRET: sandbox.credentials.secret,
    PELM_API_URL: sandbox.apiUrl,
    PELM_CONNECT_URL: sandbox.connectUrl,
    REDIRECT_URI,
    COOKIE_SECRET: randomBytes(32).toString('base64'),
    TOKEN_KEY: randomBytes(32).toString('base64'),
  }
}

/** A field of a recorded request's form or JSON body. */
const field = (body: unknown, name: string): unknown =>
  typeof body === 'object' && body !== null ? (body as Record<string, unknown>)[name] : undefined

/** How many times the sandbox's `/auth/token` was called with `code`. */
export function tokenExchanges(sandbox: ServedPelmMock, code: string): number {
  return sandbox.requests.filter(
    (request) => request.path === '/auth/token' && field(request.body, 'code') === code,
  ).length
}

/** The `user_id`s the app asked connect tokens for, oldest first: the Pelm Users it made. */
export function connectTokenUserIds(sandbox: ServedPelmMock): unknown[] {
  return sandbox.requests
    .filter(
      (request) => request.method === 'POST' && /^\/auth\/connect[-_]token$/.test(request.path),
    )
    .map((request) => field(request.body, 'user_id'))
}

/** How many times the app asked the sandbox to delete the Pelm User `pelmUserId`. */
export function userDeletions(sandbox: ServedPelmMock, pelmUserId: string): number {
  return sandbox.requests.filter(
    (request) =>
      request.method === 'DELETE' && request.path === `/users/${encodeURIComponent(pelmUserId)}`,
  ).length
}
