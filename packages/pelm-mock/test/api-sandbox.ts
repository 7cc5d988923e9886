import { expect } from 'vitest'
import { createPelmMock, type PelmMockOptions } from '../src/create-pelm-mock'
import type { PelmApiErrorCode } from '../src/sandbox/errors'
import { type PelmAccount, sampleAccounts } from '../src/sandbox/sample-data'
import { findUtility, type SandboxUtility } from '../src/sandbox/utilities'

/** 15 June 2025, 12:00 UTC: the sandbox clock's start in tests. */
export const TEST_START = Date.UTC(2025, 5, 15, 12)
export const DAY_SECONDS = 86_400

/** The value, or a failed test when a fixture is missing. */
export function present<T>(value: T | undefined, what = 'fixture'): T {
  if (value === undefined) throw new Error(`test ${what} is missing`)
  return value
}

/** The sandbox utility with this slug. */
export const utility = (slug: string): SandboxUtility => present(findUtility({ slug }), slug)

type FormInput = Record<string, string> | URLSearchParams | FormData | string

/** Plain records are sent urlencoded, as Pelm's own code does. */
const toBody = (body: FormInput | undefined): BodyInit | undefined =>
  body === undefined ||
  typeof body === 'string' ||
  body instanceof URLSearchParams ||
  body instanceof FormData
    ? body
    : new URLSearchParams(body)

/** A sandbox on a clock the test moves, plus request helpers that speak to it through `fetch`. */
export function testSandbox(options: PelmMockOptions = {}) {
  const clock = { now: TEST_START }
  const mock = createPelmMock({ ...options, now: () => clock.now })
  const pelmHeaders: Record<string, string> = {
    'Pelm-Client-Id': mock.credentials.clientId,
    'Pelm-Secret': mock.credentials.secret,
  }
  const url = (path: string) => `${mock.apiUrl}${path}`

  const post = (path: string, body?: FormInput, headers: Record<string, string> = pelmHeaders) =>
    mock.fetch(url(path), {
      method: 'POST',
      headers,
      body: toBody(body),
    })

  const withToken =
    (method: 'GET' | 'DELETE') =>
    (path: string, accessToken?: string, headers: Record<string, string> = pelmHeaders) =>
      mock.fetch(url(path), {
        method,
        headers: accessToken ? { ...headers, Authorization: `Bearer ${accessToken}` } : headers,
      })
  const get = withToken('GET')
  const del = withToken('DELETE')

  /** Runs the end of a Connect flow in the store and exchanges the code: the access token. */
  const connect = async (userId = 'user-1', utilitySlug = 'pge'): Promise<string> => {
    const { code } = mock.store.issueCode(userId, utility(utilitySlug))
    const response = await post('/auth/token', { code, grant_type: 'code' })
    expect(response.status).toBe(200)
    return ((await response.json()) as { access_token: string }).access_token
  }

  return { mock, clock, pelmHeaders, post, get, del, connect }
}

/** Asserts a Pelm error answer: status, `error_code`, and optionally the message. */
export async function expectPelmError(
  response: Response,
  status: number,
  code: PelmApiErrorCode,
  message?: RegExp,
): Promise<void> {
  expect(response.status).toBe(status)
  expect(response.headers.get('content-type')).toMatch(/^application\/json/)
  const body = await response.json()
  expect(body).toEqual({ error_code: code, error_message: expect.any(String) })
  if (message) expect(body.error_message).toMatch(message)
}

/** The first user id `user-N` whose sample accounts at the utility satisfy `wanted`. */
export function userWhose(utilitySlug: string, wanted: (accounts: PelmAccount[]) => boolean) {
  for (let n = 1; n < 1000; n++) {
    const accounts = sampleAccounts(`user-${n}`, utility(utilitySlug))
    if (wanted(accounts)) return { userId: `user-${n}`, accounts }
  }
  throw new Error('no such sample user')
}
