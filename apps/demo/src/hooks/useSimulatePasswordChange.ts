import { type PelmConnectError, useConnections } from '@acme/pelm-react'
import { useMutation } from '@tanstack/react-query'
import { send } from '../api'

/**
 * Sandbox mode: makes one connection behave as if its password had been changed at the utility,
 * then reads the connections again (that one now needs a reconnect).
 */
export function useSimulatePasswordChange() {
  const connections = useConnections()
  return useMutation<void, PelmConnectError, string>({
    mutationFn: (connectionId) =>
      send(`/api/sandbox/connections/${encodeURIComponent(connectionId)}/password-changed`, {
        method: 'POST',
      }),
    onSettled: () => connections.refetch(),
  })
}
