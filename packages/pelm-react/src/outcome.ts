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

/**
 * @internal Settles an outcome into hook state (`error` becomes a real `PelmConnectError`),
 * refreshes every Pelm query (the attempt consumed the connect URL's state; a success changes the
 * connection) and fires the matching callback.
 */
export function announce(
  outcome: ConnectOutcome,
  callbacks: ConnectCallbacks & { client: QueryClient },
): Settled {
  // `|| {}`: a malformed message from our own origin must not crash the page
  const error =
    outcome.status === 'error'
      ? new PelmConnectError(outcome.error || ({} as PelmConnectErrorInit))
      : null
  callbacks.client.invalidateQueries({ queryKey: ['pelm'] })
  if (error) callbacks.onError?.(error)
  else if (outcome.status === 'success') callbacks.onSuccess?.()
  else callbacks.onExit?.({ reason: outcome.exitReason as string })
  return { ...outcome, error }
}
