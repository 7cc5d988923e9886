'use client'
import { type UseQueryOptions, type UseQueryResult, useQuery } from '@tanstack/react-query'
import { check, request } from './api'
import { connectionsKey, isConnection } from './connections'
import { fields, type PelmConnectError } from './errors'
import { usePelm } from './usePelm'
import type { Connection } from './wire'

/** Options of `useConnections`: react-query's query options, minus the key and the fetcher. */
export type UseConnectionsOptions = Omit<
  UseQueryOptions<Connection[], PelmConnectError>,
  'queryKey' | 'queryFn'
>

/** What `useConnections` returns: react-query's query result; `data` is the list itself. */
export type UseConnectionsResult = UseQueryResult<Connection[], PelmConnectError>

/**
 * The signed-in user's utility connections (`GET {basePath}/connections`), oldest first as the
 * server lists them. Refreshed after every exchange and disconnect, and never left showing an
 * answer to a request that was already in flight when one of them ended.
 *
 * @example
 * ```tsx
 * const { data: connections = [] } = useConnections()
 * return (
 *   <ul>
 *     {connections.map((c) => (
 *       <li key={c.id}>{c.utility?.name ?? 'Utility'}: {c.status}</li>
 *     ))}
 *   </ul>
 * )
 * ```
 */
export function useConnections(options?: UseConnectionsOptions): UseConnectionsResult {
  const pelm = usePelm()
  return useQuery({
    ...options,
    queryKey: connectionsKey(pelm.basePath),
    queryFn: async () => {
      const { connections } = fields(await request(pelm, '/connections'))
      // an HTML page from a wrong basePath, or any other shape, is `invalid_response`
      check(Array.isArray(connections) && connections.every(isConnection))
      return connections
    },
  })
}
