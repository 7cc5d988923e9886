import type { Context } from 'hono'
import { sha256Hex, timingSafeEqual } from '../crypto'
import { STATE_MAX_AGE_MS, StateError, type VerifiedState } from '../state'
import { PelmHttpError } from './errors/json-error'
import { upstreamHttpError } from './errors/upstream'
import { describeError } from './logger'
import type { PelmRuntime } from './runtime'

export interface ExchangeInput {
  userId: string
  code: string
  state: string | undefined
  cookieValue: string | undefined
}

/** How long a used code stays remembered: longer than any code lives at Pelm. */
const CODE_MEMORY_MS = 60 * 60 * 1000

const used = () =>
  new PelmHttpError(
    'state_used',
    'This connection was already completed or is in use. Start the connection again.',
  )

async function verify(runtime: PelmRuntime, input: ExchangeInput): Promise<VerifiedState> {
  try {
    return await runtime.signer.verify(input)
  } catch (error) {
    if (error instanceof StateError) throw new PelmHttpError(error.code, error.message)
    throw error
  }
}

/** Checks the state, spends state and code once, exchanges the code, stores the token. */
async function exchange(runtime: PelmRuntime, c: Context, input: ExchangeInput): Promise<void> {
  const verified = await verify(runtime, input)
  // Single use, shared across instances when the replay store is: the state first, then the code.
  if (!(await runtime.replayStore.claim(`state:${verified.state}`, STATE_MAX_AGE_MS))) throw used()
  const codeKey = `code:${await sha256Hex(input.code)}`
  if (!(await runtime.replayStore.claim(codeKey, CODE_MEMORY_MS))) throw used()
  let accessToken: string
  try {
    ;({ accessToken } = await runtime.client.exchangeCode(input.code))
  } catch (error) {
    throw upstreamHttpError(error, 'exchange')
  }
  const sensitive = [accessToken, input.code, input.state, input.cookieValue]
  try {
    await runtime.tokenStore.set(input.userId, {
      accessToken,
      connectedAt: new Date(runtime.now()).toISOString(),
      ...(verified.utility && { utility: verified.utility }),
    })
  } catch (error) {
    runtime.log(
      {
        level: 'error',
        event: 'internal_error',
        userId: input.userId,
        error: describeError(error),
      },
      sensitive,
    )
    throw new PelmHttpError(
      'internal_error',
      'The connection could not be saved. Start the connection again.',
    )
  }
  runtime.log({ level: 'info', event: 'exchange.succeeded', userId: input.userId })
  try {
    await runtime.onConnected?.(c, { userId: input.userId })
  } catch (error) {
    // The token is stored: the connection exists, so the answer stays a success.
    runtime.log(
      {
        level: 'error',
        event: 'on_connected.failed',
        userId: input.userId,
        error: describeError(error),
      },
      sensitive,
    )
  }
}

const fingerprintOf = (input: ExchangeInput) =>
  [input.userId, input.state ?? '', input.cookieValue ?? ''].join('\u0000')

/**
 * Exchanges at most once per code. A duplicate of an exchange in progress in this process (same
 * user, state and cookie) waits for it and shares its outcome; any other request with that code
 * is refused as `state_used`. Across processes, the replay store decides.
 */
export async function exchangeOnce(
  runtime: PelmRuntime,
  c: Context,
  input: ExchangeInput,
): Promise<void> {
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
    await outcome
  } finally {
    runtime.inflight.delete(input.code)
  }
}
