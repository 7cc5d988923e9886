import type { Connection, PelmConnectError } from '@acme/pelm-react'
import { useQuery } from '@tanstack/react-query'
import type { AccountsBody, ConnectionAccounts } from '../../shared/types'
import { api } from '../api'

/** How often the page asks again while Pelm still gathers a new connection's data. */
export const DATA_LOADING_RETRY_MS = 2000

const loading = (group: ConnectionAccounts) =>
  'error' in group && group.error.code === 'data_loading'

/**
 * The accounts, meters and latest bills of each connection, by connection id. Keyed by the
 * connections `useConnections` lists, so a new, renewed or removed connection reads them again;
 * while one connection's data is still being gathered (`data_loading`) it asks again every 2 s.
 */
export function useAccounts(connections: readonly Connection[] | undefined) {
  const ids = connections?.map((connection) => `${connection.id}:${connection.status}`) ?? []
  return useQuery<Map<string, ConnectionAccounts>, PelmConnectError>({
    queryKey: ['demo', 'accounts', ids],
    queryFn: async () => {
      const body = await api<AccountsBody>('/api/accounts')
      return new Map(body.connections.map((group) => [group.connectionId, group]))
    },
    enabled: connections !== undefined && connections.length > 0,
    refetchInterval: ({ state }) =>
      [...(state.data?.values() ?? [])].some(loading) ? DATA_LOADING_RETRY_MS : false,
    placeholderData: (previous) => previous,
  })
}
