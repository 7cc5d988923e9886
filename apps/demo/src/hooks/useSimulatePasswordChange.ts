import type { PelmConnectError } from '@acme/pelm-react'
import { useMutation, useQueryClient } from '@tanstack/react-query'
import { send } from '../api'

/** `useConnections`' query key, as `@acme/pelm-react` documents it, for every base path. */
const connectionsQueries = { queryKey: ['pelm', 'connections'] }

/**
 * Sandbox mode: makes one connection behave as if its password had been changed at the utility,
 * then has the connections read again (that one now needs a reconnect) before it settles. It
 * invalidates the list in the QueryClient rather than observing it, so a card that offers it adds
 * no connections query of its own.
 */
export function useSimulatePasswordChange() {
  const queryClient = useQueryClient()
  return useMutation<void, PelmConnectError, string>({
    mutationFn: (connectionId) =>
      send(`/api/sandbox/connections/${encodeURIComponent(connectionId)}/password-changed`, {
        method: 'POST',
      }),
    onSettled: () => queryClient.invalidateQueries(connectionsQueries),
  })
}
