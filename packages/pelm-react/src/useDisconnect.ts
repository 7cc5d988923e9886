'use client'
import { type UseMutationOptions, type UseMutationResult, useMutation } from '@tanstack/react-query'
import { request } from './api'
import type { PelmConnectError } from './errors'
import { usePelm } from './usePelm'

/** Options of `useDisconnect`: react-query's mutation options, minus the mutation function. */
export type UseDisconnectOptions = Omit<
  UseMutationOptions<void, PelmConnectError, void>,
  'mutationFn'
>

/** What `useDisconnect` returns: react-query's mutation result; call `mutate()` to disconnect. */
export type UseDisconnectResult = UseMutationResult<void, PelmConnectError, void>

/**
 * Removes the user's Pelm connection (`DELETE {basePath}/connection`), then refreshes
 * `useConnection` before the mutation settles.
 *
 * @example
 * ```tsx
 * const disconnect = useDisconnect({ onSuccess: () => toast('Disconnected') })
 * <button type="button" onClick={() => disconnect.mutate()} disabled={disconnect.isPending}>Disconnect</button>
 * ```
 */
export function useDisconnect(options?: UseDisconnectOptions): UseDisconnectResult {
  const pelm = usePelm()
  return useMutation({
    ...options,
    mutationFn: async () => {
      await request(pelm, '/connection', 'DELETE')
      await pelm.client.invalidateQueries({ queryKey: ['pelm', 'connection'] })
    },
  })
}
