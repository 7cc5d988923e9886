import type { PelmConnectError } from '@acme/pelm-react'
import { useMutation, useQueryClient } from '@tanstack/react-query'
import type { SessionBody } from '../../shared/types'
import { sessionBody } from '../answers'
import { api } from '../api'
import { sessionKey } from './useSession'

/** Signs in with a name; forgets everything cached for the previous user. */
export function useSignIn() {
  const queryClient = useQueryClient()
  return useMutation<SessionBody, PelmConnectError, string>({
    mutationFn: (name) => api('/api/session', sessionBody, { method: 'POST', body: { name } }),
    onSuccess: (session) => {
      queryClient.clear()
      queryClient.setQueryData(sessionKey, session)
    },
  })
}
