import type { PelmConnectError } from '@acme/pelm-react'
import { useMutation, useQueryClient } from '@tanstack/react-query'
import type { SessionBody } from '../../shared/types'
import { send } from '../api'
import { sessionKey } from './useSession'

/** Signs out; nothing of the previous user stays in the cache. */
export function useSignOut() {
  const queryClient = useQueryClient()
  return useMutation<void, PelmConnectError, void>({
    mutationFn: () => send('/api/session', { method: 'DELETE' }),
    onSuccess: () => {
      queryClient.clear()
      queryClient.setQueryData<SessionBody>(sessionKey, { user: null })
    },
  })
}
