import type { ConnectionRecord } from '../connection-store'
import type { Connection, ConnectionStatus } from './wire'

/** The status a record's last Get user check implies (none yet: `unknown`). */
export const statusOf = (record: ConnectionRecord): ConnectionStatus =>
  record.credentialsValid === undefined
    ? 'unknown'
    : record.credentialsValid
      ? 'active'
      : 'reconnect_required'

/** What the browser may see of a connection: never the access token or the Pelm user id. */
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
