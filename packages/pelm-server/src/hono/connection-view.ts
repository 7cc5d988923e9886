import { type ConnectionRecord, type ConnectionStatus, statusOf } from '../connection-store'
import type { Connection } from './wire'

/**
 * What the browser may see of a connection: never the access token (nor a custom `pelmUserId`;
 * by default the Pelm user id is the connection id itself, opaque and random).
 */
export function toConnection(
  record: ConnectionRecord,
  status: ConnectionStatus = statusOf(record),
): Connection {
  const { id, slug, name } = record.utility ?? {}
  const utility = {
    ...(id !== undefined && { id }),
    ...(slug !== undefined && { slug }),
    ...(name !== undefined && { name }),
  }
  return {
    id: record.id,
    connectedAt: record.connectedAt,
    ...(Object.keys(utility).length > 0 && { utility }),
    status,
  }
}
