'use client'
import { type UseMutationOptions, type UseMutationResult, useMutation } from '@tanstack/react-query'
import { request } from './api'
import { refreshConnections } from './connections'
import type { PelmConnectError } from './errors'
import { usePelm } from './usePelm'

/** Options of `useDisconnect`: react-query's mutation options, minus the mutation function. */
export type UseDisconnectOptions = Omit<
  UseMutationOptions<void, PelmConnectError, string>,
  'mutationFn'
>

/**
 * What `useDisconnect` returns: react-query's mutation result; `mutate(connectionId)` disconnects
 * that connection, and `variables` says which one is under way.
 */
export type UseDisconnectResult = UseMutationResult<void, PelmConnectError, string>

/**
 * Disconnects one connection (`DELETE {basePath}/connections/{id}`: the server deletes the user
 * at Pelm, then forgets it), then refreshes `useConnections` before the mutation settles, whether
 * the request succeeded or not.
 *
 * @example
 * ```tsx
 * const disconnect = useDisconnect({ onSuccess: () => toast('Disconnected') })
 * <button
 *   type="button"
 *   onClick={() => disconnect.mutate(connection.id)}
 *   disabled={disconnect.isPending && disconnect.variables === connection.id}
 * >
 *   Disconnect
 * </button>
 * ```
 */
export function useDisconnect(options?: UseDisconnectOptions): UseDisconnectResult {
  const pelm = usePelm()
  return useMutation({
    // offline, react-query would hold the request until the network is back, the app's button
    // pending all along: fail at once instead (an app may still choose otherwise in `options`)
    networkMode: 'always',
    ...options,
    mutationFn: async (connectionId) => {
      try {
        await request(pelm, `/connections/${encodeURIComponent(connectionId)}`, 'DELETE')
      } finally {
        // a 404 means it is gone already, and a 502 kept it: either way, show what the server has
        await refreshConnections(pelm)
      }
    },
  })
}
