import type { QueryClient } from '@tanstack/react-query'
import { PelmConnectError, type PelmConnectErrorInit } from './errors'
import type { ConnectCallbacks } from './types'

/** How a connect attempt ended, in a form that survives JSON and `postMessage`. */
export interface ConnectOutcome {
  status: 'success' | 'error' | 'exited'
  error?: PelmConnectErrorInit
  exitReason?: string
}

/** The same, as the hooks return it: `error` is a real `PelmConnectError`, `null` unless failed. */
export interface Settled extends Omit<ConnectOutcome, 'error'> {
  error: PelmConnectError | null
}

/** @internal Turns an outcome into hook state. */
export const settle = (outcome: ConnectOutcome): Settled => ({
  ...outcome,
  error:
    outcome.status === 'error'
      ? new PelmConnectError(outcome.error ?? { code: 'unknown_error', message: 'Connect failed' })
      : null,
})

/**
 * @internal Settles an outcome, refreshes every Pelm query (the attempt consumed the connect URL's
 * state; a success changes the connection) and fires the matching callback.
 */
export function announce(
  outcome: ConnectOutcome,
  callbacks: ConnectCallbacks & { client: QueryClient },
): Settled {
  const settled = settle(outcome)
  const { status, error, exitReason } = settled
  callbacks.client.invalidateQueries({ queryKey: ['pelm'] })
  if (status === 'success') callbacks.onSuccess?.()
  else if (error) callbacks.onError?.(error)
  else callbacks.onExit?.({ reason: exitReason as string })
  return settled
}
