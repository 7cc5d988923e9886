import { isConnection } from './connections'
import { fields, isErrorInit, PelmConnectError, type PelmConnectErrorInit } from './errors'
import type { ConnectCallbacks } from './types'
import type { Connection } from './wire'

/** How a connect attempt ended, as plain data: the callback page posts it to the opening window. */
export type ConnectOutcome =
  | { status: 'success'; connection: Connection }
  | { status: 'error'; error: PelmConnectErrorInit }
  | { status: 'exited'; exitReason: string }

/**
 * @internal An outcome before `announce` checked it: a `ConnectOutcome` when all went well, but
 * `connection` is the server's answer as received.
 */
export type UncheckedOutcome = ConnectOutcome | { status: 'success'; connection: unknown }

/**
 * @internal An outcome as the hooks hold it, and as `useConnectCallback` returns it: `error` is a
 * real `PelmConnectError`; `connection`, `error` and `exitReason` are set in their own status
 * only, `null` in the others.
 */
export type Settled =
  | { status: 'success'; connection: Connection; error: null; exitReason: null }
  | { status: 'error'; connection: null; error: PelmConnectError; exitReason: null }
  | { status: 'exited'; connection: null; error: null; exitReason: string }

/** @internal A result's `connection`, `error` and `exitReason` outside their own status. */
export const unset = { connection: null, error: null, exitReason: null } as const

/**
 * Calls one of the app's callbacks. One that throws must not keep the outcome from settling (a
 * hook stuck in `pending` or `redirecting`), so its error is thrown again from a microtask, where
 * the browser reports it as uncaught: the console, `window.onerror`, the app's error monitoring.
 */
function call<T>(callback: ((value: T) => void) | undefined, value: T): void {
  try {
    callback?.(value)
  } catch (error) {
    queueMicrotask(() => {
      throw error
    })
  }
}

/**
 * @internal Settles an outcome that came from a message or a server answer and fires the matching
 * callback. Checked, never trusted (the popup may run another version of the app): a success
 * needs a well-formed connection and an exit a reason; anything else is an error,
 * `invalid_response` when it has no code. A `PelmConnectError` (a failed fetch) is copied whole,
 * `cause` included. A callback that throws changes nothing here (see `call`).
 */
export function announce(
  outcome: unknown,
  { onSuccess, onError, onExit }: ConnectCallbacks,
): Settled {
  const { status, connection, exitReason, error } = fields(outcome)
  if (status === 'success' && isConnection(connection)) {
    call(onSuccess, connection)
    return { ...unset, status, connection }
  }
  if (status === 'exited' && typeof exitReason === 'string') {
    call(onExit, { reason: exitReason })
    return { ...unset, status, exitReason }
  }
  const failure = new PelmConnectError(isErrorInit(error) ? error : { code: 'invalid_response' })
  call(onError, failure)
  return { ...unset, status: 'error', error: failure }
}
