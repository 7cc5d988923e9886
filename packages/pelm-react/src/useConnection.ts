'use client'
import { type UseQueryOptions, type UseQueryResult, useQuery } from '@tanstack/react-query'
import { check, request } from './api'
import type { PelmConnectError } from './errors'
import type { Connection } from './types'
import { usePelm } from './usePelm'

/** Options of `useConnection`: react-query's query options, minus the key and the fetcher. */
export type UseConnectionOptions = Omit<
  UseQueryOptions<Connection, PelmConnectError>,
  'queryKey' | 'queryFn'
>

/** What `useConnection` returns: react-query's query result over `Connection`. */
export type UseConnectionResult = UseQueryResult<Connection, PelmConnectError>

/**
 * Whether the signed-in user has a connected utility account (`GET {basePath}/connection`).
 * Refreshed after a successful exchange and after `useDisconnect`.
 *
 * @example
 * ```tsx
 * const { data } = useConnection()
 * if (data?.connected) return <p>Connected since {new Date(data.connectedAt).toLocaleDateString()}</p>
 * ```
 */
export function useConnection(options?: UseConnectionOptions): UseConnectionResult {
  const pelm = usePelm()
  return useQuery({
    ...options,
    queryKey: ['pelm', 'connection', pelm.basePath],
    queryFn: async () => {
      const data = (await request(pelm, '/connection')) as Connection
      // a JSON answer at all: an HTML page from a wrong basePath becomes `invalid_response`
      check(data)
      return data
    },
  })
}
