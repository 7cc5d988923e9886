import type { PelmConnectError } from '@acme/pelm-react'
import { useQuery } from '@tanstack/react-query'
import type { AccountsBody } from '../../shared/types'
import { api } from '../api'

export const accountsKey = ['demo', 'accounts'] as const

/** The step of the waits between tries while Pelm is still loading a new connection's data. */
export const DATA_LOADING_RETRY_MS = 1000
const DATA_LOADING_TRIES = 30

/**
 * The accounts with their meters and latest bills. While Pelm is still loading a new connection's
 * data (`data_loading`), it keeps trying (after 1 s, 2 s, then every 3 s); `failureReason` tells the
 * page why. Other server errors are tried once more.
 */
export function useAccounts() {
  return useQuery<AccountsBody, PelmConnectError>({
    queryKey: accountsKey,
    queryFn: () => api<AccountsBody>('/api/accounts'),
    retry: (failures, error) =>
      error.code === 'data_loading'
        ? failures < DATA_LOADING_TRIES
        : error.retryable && failures < 1,
    retryDelay: (failures, error) =>
      error.code === 'data_loading' ? Math.min(failures, 3) * DATA_LOADING_RETRY_MS : 1000,
  })
}
