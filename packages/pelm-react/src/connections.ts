import { fields } from './errors'
import type { Pelm } from './usePelm'
import type { Connection } from './wire'

/**
 * @internal Checks one connection of a server answer or a popup message against its type: id,
 * date, a known status, and a `utility` that is absent or an object (not `null`) whose `id`,
 * `slug` and `name` are each absent or a string.
 */
export function isConnection(value: unknown): value is Connection {
  const { id, connectedAt, status, utility } = fields(value)
  const { id: utilityId, slug, name } = fields(utility)
  return (
    typeof id === 'string' &&
    typeof connectedAt === 'string' &&
    (status === 'active' || status === 'reconnect_required' || status === 'unknown') &&
    (utility === undefined || (typeof utility === 'object' && utility !== null)) &&
    [utilityId, slug, name].every((field) => field === undefined || typeof field === 'string')
  )
}

/** @internal The `useConnections` query key: `['pelm', 'connections', basePath]`. */
export const connectionsKey = (basePath: string) => ['pelm', 'connections', basePath]

/**
 * @internal After an exchange or a disconnect: cancels any connections request in flight (it may
 * have been answered before the change, and `invalidateQueries` alone would join it when the query
 * has no data yet), then refetches. Resolves once the fresh list is in.
 */
export function refreshConnections({ client, basePath }: Pelm): Promise<void> {
  const filters = { queryKey: connectionsKey(basePath) }
  return client.cancelQueries(filters).then(() => client.invalidateQueries(filters))
}
