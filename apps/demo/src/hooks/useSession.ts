import type { PelmConnectError } from '@acme/pelm-react'
import { useQuery } from '@tanstack/react-query'
import type { SessionBody } from '../../shared/types'
import { sessionBody } from '../answers'
import { api } from '../api'

export const sessionKey = ['demo', 'session'] as const

/** Who is signed in to the demo (`user: null` when nobody). */
export function useSession() {
  return useQuery<SessionBody, PelmConnectError>({
    queryKey: sessionKey,
    queryFn: () => api('/api/session', sessionBody),
    staleTime: Number.POSITIVE_INFINITY,
  })
}
