import type { PelmConnectError } from '@acme/pelm-react'
import { useQuery } from '@tanstack/react-query'
import type { UsageBody } from '../../shared/types'
import { usageBody } from '../answers'
import { api } from '../api'

/** One account's daily electricity and gas use over the last four weeks. */
export function useUsage(connectionId: string, accountId: string) {
  return useQuery<UsageBody, PelmConnectError>({
    queryKey: ['demo', 'usage', connectionId, accountId],
    queryFn: () =>
      api(
        `/api/connections/${encodeURIComponent(connectionId)}/accounts/${encodeURIComponent(accountId)}/usage`,
        usageBody,
      ),
    staleTime: 5 * 60_000,
  })
}
