import type { QueryClient } from '@tanstack/react-query'
import { PelmConnectError, type PelmConnectErrorInit } from './errors'
import type { ConnectCallbacks } from './types'

/** How a connect attempt ended, in a form that survives JSON and `postMessage`. */
export interface ConnectOutcome {
  status: 'success' | 'error' | 'exited'
  error?: PelmConnectErrorInit
  exitReason?: string
}

/** The same, as the hooks return it: a real `PelmConnectError`, `null` for what is absent. */
export interface Settled {
  status: ConnectOutcome['status']
  error: PelmConnectError | null
  exitReason: string | null
}

/** @internal Turns an outcome into hook state. */
export const settle = ({ status, error, exitReason }: ConnectOutcome): Settled => ({
  status,
  error:
    status === 'error'
      ? new PelmConnectError(error ?? { code: 'unknown_error', message: 'Connect failed' })
      : null,
  exitReason: exitReason ?? null,
})

/**
 * @internal Refreshes every Pelm query (the attempt consumed the connect URL's state; a success
 * changes the connection) and fires the matching callback.
 */
export function announce(
  { status, error, exitReason }: Settled,
  callbacks: ConnectCallbacks,
  client: QueryClient,
): void {
  client.invalidateQueries({ queryKey: ['pelm'] })
  if (status === 'success') callbacks.onSuccess?.()
  else if (error) callbacks.onError?.(error)
  else callbacks.onExit?.({ reason: exitReason as string })
}
