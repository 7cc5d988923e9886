import type { PelmConnectError } from '@acme/pelm-react'
import { useQuery } from '@tanstack/react-query'
import type { DemoSettings } from '../../shared/types'
import { demoSettings } from '../answers'
import { api } from '../api'

/** Sandbox or live, the utilities to offer, the sandbox logins. */
export function useSettings() {
  return useQuery<DemoSettings, PelmConnectError>({
    queryKey: ['demo', 'settings'],
    queryFn: () => api('/api/config', demoSettings),
    staleTime: Number.POSITIVE_INFINITY,
  })
}
