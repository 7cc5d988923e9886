import type { Connection, PelmConnectError } from '@acme/pelm-react'
import { useQuery } from '@tanstack/react-query'
import type { AccountsBody, ConnectionAccounts } from '../../shared/types'
import { accountsBody } from '../answers'
import { api } from '../api'

/** How often the page asks again while Pelm still gathers a new connection's data. */
export const DATA_LOADING_RETRY_MS = 2000

type AccountsById = Map<string, ConnectionAccounts>

const loading = (group: ConnectionAccounts) =>
  'error' in group && group.error.code === 'data_loading'

const byId = (body: AccountsBody): AccountsById =>
  new Map(body.connections.map((group) => [group.connectionId, group]))

/**
 * Reads every connection's accounts; when the last answer had connections whose data was still
 * loading, reads only those again (each one is a Get accounts and a Get bills per account at
 * Pelm) and keeps the others as they were. A connection the server no longer lists is dropped.
 */
async function readAccounts(previous: AccountsById | undefined): Promise<AccountsById> {
  const pending = [...(previous?.values() ?? [])].filter(loading).map((group) => group.connectionId)
  if (!previous || pending.length === 0) return byId(await api('/api/accounts', accountsBody))
  const query = new URLSearchParams(pending.map((id) => ['connection', id]))
  const fresh = byId(await api(`/api/accounts?${query}`, accountsBody))
  const next = new Map(previous)
  for (const id of pending) {
    const group = fresh.get(id)
    if (group) next.set(id, group)
    else next.delete(id)
  }
  return next
}

/**
 * The accounts, meters and latest bills of each connection, by connection id. Keyed by the
 * connections `useConnections` lists, so a new, renewed or removed connection reads them all
 * again; while one connection's data is still being gathered (`data_loading`) it asks again for
 * that one alone every 2 s.
 */
export function useAccounts(connections: readonly Connection[] | undefined) {
  const ids = connections?.map((connection) => `${connection.id}:${connection.status}`) ?? []
  return useQuery<AccountsById, PelmConnectError>({
    queryKey: ['demo', 'accounts', ids],
    queryFn: ({ client, queryKey }) => readAccounts(client.getQueryData<AccountsById>(queryKey)),
    enabled: connections !== undefined && connections.length > 0,
    refetchInterval: ({ state }) =>
      [...(state.data?.values() ?? [])].some(loading) ? DATA_LOADING_RETRY_MS : false,
    placeholderData: (previous) => previous,
  })
}
