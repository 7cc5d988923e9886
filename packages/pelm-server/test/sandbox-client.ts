import { createPelmMock, findUtility, type PelmMock } from '@acme/pelm-mock'
import { createPelmClient } from '../src/client'
import type { PelmClientOptions } from '../src/client/options'
import { PelmError } from '../src/errors'

/** Backoff small enough that retried tests stay fast. */
export const FAST_RETRY = { baseDelayMs: 1, maxDelayMs: 2 }

/** A sandbox and a client wired to it in-process. */
export function sandboxClient(
  options: Partial<PelmClientOptions> = {},
  mock: PelmMock = createPelmMock(),
) {
  const client = createPelmClient({
    clientId: mock.credentials.clientId,
    secret: mock.credentials.secret,
    apiUrl: mock.apiUrl,
    fetch: mock.fetch,
    retry: FAST_RETRY,
    dataRetry: FAST_RETRY,
    ...options,
  })
  return { mock, client }
}

const found = findUtility({ slug: 'pge' })
if (!found) throw new Error('the sandbox has no utility pge')
/** Pacific Gas and Electric, the utility of Pelm's own sandbox login. */
export const pge = found

/** An authorization code the sandbox issued, as if the user finished Connect. */
export const issueCode = (mock: PelmMock, userId = 'user-1') =>
  mock.store.issueCode(userId, pge).code

/** The `PelmError` a call rejects with; fails the test when it resolves or throws anything else. */
export async function rejectionOf(promise: Promise<unknown>): Promise<PelmError> {
  const error = await promise.then(
    () => new Error('expected a rejection, the call resolved'),
    (thrown: unknown) => thrown,
  )
  if (error instanceof PelmError) return error
  throw new Error(`expected a PelmError, got ${String(error)}`, { cause: error })
}
