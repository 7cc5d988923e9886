import type { Context } from 'hono'
import { HTTPException } from 'hono/http-exception'
import type { PelmUser } from '../client/responses'
import type { ConnectionRecord } from '../connection-store'
import { sha256Hex, timingSafeEqual } from '../crypto'
import { PelmBadRequestError } from '../errors'
import { StateError, type VerifiedState } from '../state'
import { toConnection } from './connection-view'
import { connectionNotFound, PelmHttpError } from './errors/json-error'
import { upstreamHttpError } from './errors/upstream'
import { describeError } from './logger'
import type { BaseRuntime, StateRuntime } from './runtime'
import type { ExchangeResponse } from './wire'

export interface ExchangeInput {
  userId: string
  code: string
  state: string | undefined
  /** The well-formed binding cookies the browser sent (see `readBindings`); often one. */
  bindings: readonly string[]
}

type ExchangeRuntime = BaseRuntime & StateRuntime

/** How long a used code stays remembered: longer than any code lives at Pelm. */
const CODE_MEMORY_MS = 60 * 60 * 1000
/** A state's one-time marker outlives its expiry by the clock skew the signer allows. */
const STATE_MEMORY_MARGIN_MS = 2 * 60 * 1000

const used = () =>
  new PelmHttpError(
    'state_used',
    'This connection was already completed or is in use. Start the connection again.',
  )

/**
 * Verifies the state with each binding the browser sent, until one signed it: a cookie tossed in
 * from a sibling subdomain must not hide the browser's own. Only a mismatch tries the next one;
 * any other refusal (malformed, expired) is the answer. None sent: `state_missing`.
 */
function verify(runtime: ExchangeRuntime, input: ExchangeInput): VerifiedState {
  const { userId, state, bindings } = input
  let refusal: unknown
  for (const binding of bindings.length > 0 ? bindings : [undefined]) {
    try {
      return runtime.signer.verify({ binding, userId, state })
    } catch (error) {
      refusal = error
      if (!(error instanceof StateError && error.code === 'state_mismatch')) break
    }
  }
  throw refusal instanceof StateError ? new PelmHttpError(refusal.code, refusal.message) : refusal
}

/**
 * Get user after the exchange: what Pelm knows of the login. Best effort (a network failure,
 * a timeout, a 5xx never fail the exchange), with one exception: when Pelm refuses this token
 * for this flow's Pelm user (403 or 404 for its `user_id`), the code came from another Connect
 * flow, e.g. a leaked code redeemed with the attacker's own state (RFC 9700 §4.5, code
 * injection): nothing is stored and the exchange answers `code_invalid`.
 */
async function lookUpUser(
  runtime: ExchangeRuntime,
  input: ExchangeInput,
  pelmUserId: string,
  accessToken: string,
  disconnected: () => Promise<boolean>,
): Promise<PelmUser | undefined> {
  try {
    return await runtime.client.getUser(pelmUserId, accessToken)
  } catch (error) {
    const foreign =
      error instanceof PelmBadRequestError && (error.status === 403 || error.status === 404)
    // A reconnect disconnected in another tab meanwhile: Pelm no longer has its User.
    if (foreign && (await disconnected())) throw connectionNotFound()
    runtime.log(
      {
        level: foreign ? 'error' : 'warn',
        event: foreign ? 'exchange.code_of_another_flow' : 'user.lookup_failed',
        userId: input.userId,
        error: describeError(error),
      },
      [accessToken, input.code],
    )
    if (foreign) {
      throw new PelmHttpError(
        'code_invalid',
        'This code was not issued for this connection. Start the connection again.',
      )
    }
    return undefined
  }
}

/** The record the exchange stores: the new connection, or the one it renews. */
function recordOf(
  runtime: ExchangeRuntime,
  verified: VerifiedState,
  renewing: ConnectionRecord | undefined,
  pelmUserId: string,
  accessToken: string,
  user: PelmUser | undefined,
): ConnectionRecord {
  const now = new Date(runtime.now()).toISOString()
  const utility = {
    ...renewing?.utility,
    ...verified.utility,
    ...(user && { id: user.utility.id }),
    ...(user?.utility.name !== undefined && { name: user.utility.name }),
  }
  return {
    id: renewing?.id ?? verified.connectionId,
    pelmUserId,
    accessToken,
    connectedAt: renewing?.connectedAt ?? now,
    ...(Object.keys(utility).length > 0 && { utility }),
    ...((user?.utilityUsername ?? renewing?.utilityUsername) !== undefined && {
      utilityUsername: user?.utilityUsername ?? renewing?.utilityUsername,
    }),
    // Without a fresh Get user, the next GET /connections checks again.
    ...(user && { credentialsValid: user.credentialsValid, checkedAt: now }),
  }
}

/**
 * A new connection whose utility login (utility and username, from Get user) matches one the user
 * already has: that one is renewed instead of adding a duplicate. Pelm has spent the code by now:
 * when the user's connections cannot be listed (one record torn or undecryptable), the new one is
 * stored as new rather than lost, and the failure logged. The app's own refusal (an
 * `HTTPException`) still answers with its status.
 */
async function sameLogin(
  runtime: ExchangeRuntime,
  userId: string,
  connectionId: string,
  user: PelmUser | undefined,
): Promise<ConnectionRecord | undefined> {
  if (!user?.utilityUsername) return undefined
  let connections: ConnectionRecord[]
  try {
    connections = await runtime.connectionStore.list(userId)
  } catch (error) {
    if (error instanceof HTTPException) throw error
    runtime.log({
      level: 'error',
      event: 'connection.same_login_failed',
      userId,
      connectionId,
      error: describeError(error),
    })
    return undefined
  }
  return connections.find(
    (record) =>
      record.id !== connectionId &&
      record.utility?.id === user.utility.id &&
      record.utilityUsername === user.utilityUsername,
  )
}

/** Checks the state, spends state and code once, exchanges the code, stores the connection. */
async function exchange(
  runtime: ExchangeRuntime,
  c: Context,
  input: ExchangeInput,
): Promise<ExchangeResponse> {
  const verified = verify(runtime, input)
  // Single use, shared across instances when the replay store is: the state first, then the code.
  const stateMemory = verified.expiresAt - runtime.now() + STATE_MEMORY_MARGIN_MS
  if (!(await runtime.replayStore.claim(`state:${verified.nonce}`, stateMemory))) throw used()
  if (!(await runtime.replayStore.claim(`code:${sha256Hex(input.code)}`, CODE_MEMORY_MS))) {
    throw used()
  }
  const { userId } = input
  const reconnecting = verified.reconnect
    ? await runtime.connectionStore.get(userId, verified.connectionId)
    : undefined
  // Disconnected in another tab while reconnecting: nothing left to renew.
  if (verified.reconnect && !reconnecting) throw connectionNotFound()
  const pelmUserId = reconnecting?.pelmUserId ?? runtime.pelmUserId(userId, verified.connectionId)

  let accessToken: string
  try {
    ;({ accessToken } = await runtime.client.exchangeCode(input.code))
  } catch (error) {
    throw upstreamHttpError(error, 'exchange')
  }
  const sensitive = [accessToken, input.code, input.state, ...input.bindings]
  // Disconnected while Pelm answered: storing the record would bring the connection back.
  const disconnected = async () =>
    reconnecting !== undefined &&
    (await runtime.connectionStore.get(userId, reconnecting.id)) === undefined
  const user = await lookUpUser(runtime, input, pelmUserId, accessToken, disconnected)
  if (await disconnected()) throw connectionNotFound()
  const duplicate = reconnecting
    ? undefined
    : await sameLogin(runtime, userId, verified.connectionId, user)
  const renewing = reconnecting ?? duplicate
  const record = recordOf(runtime, verified, renewing, pelmUserId, accessToken, user)
  try {
    await runtime.connectionStore.set(userId, record)
  } catch (error) {
    // The app's own refusal (an HTTPException from its store) answers with its status.
    if (error instanceof HTTPException) throw error
    runtime.log(
      { level: 'error', event: 'internal_error', userId, error: describeError(error) },
      sensitive,
    )
    throw new PelmHttpError(
      'internal_error',
      'The connection could not be saved. Start the connection again.',
    )
  }
  if (duplicate && duplicate.pelmUserId !== pelmUserId) {
    // The login now lives in the new Pelm User: the old one is the extra, delete it at Pelm.
    await runtime.client.deleteUser(duplicate.pelmUserId, duplicate.accessToken).catch((error) => {
      runtime.log(
        {
          level: 'warn',
          event: 'user.delete_failed',
          userId,
          connectionId: duplicate.id,
          error: describeError(error),
        },
        [...sensitive, duplicate.accessToken],
      )
    })
  }
  const renewed = renewing !== undefined
  runtime.log({
    level: 'info',
    event: renewed ? 'connection.renewed' : 'exchange.succeeded',
    userId,
    connectionId: record.id,
  })
  runtime.emit(c, { type: 'exchange.succeeded', userId, connectionId: record.id })
  if (renewed) runtime.emit(c, { type: 'connection.renewed', userId, connectionId: record.id })
  const connection = toConnection(record)
  try {
    await runtime.onConnected?.(c, { userId, connection, renewed })
  } catch (error) {
    // The connection is stored: it exists, so the answer stays a success.
    runtime.log(
      { level: 'error', event: 'on_connected.failed', userId, error: describeError(error) },
      sensitive,
    )
  }
  return { connected: true, connection }
}

const fingerprintOf = (input: ExchangeInput) =>
  [input.userId, input.state ?? '', ...input.bindings].join('\u0000')

/**
 * Exchanges at most once per code. A duplicate of an exchange in progress in this process (same
 * user, state and browser) waits for it and shares its outcome; any other request with that code
 * is refused as `state_used`. Across processes, the replay store decides.
 */
export async function exchangeOnce(
  runtime: ExchangeRuntime,
  c: Context,
  input: ExchangeInput,
): Promise<ExchangeResponse> {
  const fingerprint = fingerprintOf(input)
  const running = runtime.inflight.get(input.code)
  if (running) {
    if (!timingSafeEqual(running.fingerprint, fingerprint)) throw used()
    runtime.log({ level: 'info', event: 'exchange.joined', userId: input.userId })
    return running.outcome
  }
  const outcome = exchange(runtime, c, input)
  runtime.inflight.set(input.code, { fingerprint, outcome })
  try {
    return await outcome
  } finally {
    runtime.inflight.delete(input.code)
  }
}
