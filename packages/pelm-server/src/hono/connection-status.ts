import type { Context } from 'hono'
import { type ConnectionRecord, statusOf } from '../connection-store'
import { isLoginGone } from '../errors'
import { connectionKey } from '../single-flight'
import { toConnection } from './connection-view'
import { describeError } from './logger'
import type { BaseRuntime, ConnectionsRuntime } from './runtime'
import type { Connection } from './wire'

type StatusRuntime = BaseRuntime & ConnectionsRuntime

/**
 * Asks Pelm (Get user) whether a connection still works, stores what it learnt and answers the
 * connection as it now is. A failure answers it `unknown` for this connection alone and stores
 * nothing.
 */
async function check(
  runtime: StatusRuntime,
  c: Context,
  userId: string,
  record: ConnectionRecord,
): Promise<Connection> {
  const failed = (error: unknown) =>
    runtime.log(
      {
        level: 'warn',
        event: 'connection.status_failed',
        userId,
        connectionId: record.id,
        error: describeError(error),
      },
      [record.accessToken],
    )
  let credentialsValid: boolean
  let learnt: Partial<ConnectionRecord> = {}
  try {
    const user = await runtime.client.getUser(record.pelmUserId, record.accessToken)
    credentialsValid = user.credentialsValid
    learnt = {
      utility: {
        ...record.utility,
        id: user.utility.id,
        ...(user.utility.name !== undefined && { name: user.utility.name }),
      },
      ...(user.utilityUsername !== undefined && { utilityUsername: user.utilityUsername }),
    }
  } catch (error) {
    if (!isLoginGone(error)) {
      failed(error)
      return toConnection(record, 'unknown')
    }
    credentialsValid = false
  }
  const checked = {
    ...record,
    ...learnt,
    credentialsValid,
    checkedAt: new Date(runtime.now()).toISOString(),
  }
  try {
    // Only onto the record it checked: a connection deleted meanwhile is not brought back, and
    // one an exchange renewed meanwhile (a new token, maybe a new Pelm user) is not overwritten
    // with the old one.
    const current = await runtime.connectionStore.get(userId, record.id)
    if (current?.accessToken === record.accessToken && current.pelmUserId === record.pelmUserId) {
      await runtime.connectionStore.set(userId, {
        ...current,
        ...learnt,
        credentialsValid,
        checkedAt: checked.checkedAt,
      })
    }
  } catch (error) {
    failed(error)
  }
  const status = statusOf(checked)
  const previous = statusOf(record)
  if (status !== previous) {
    runtime.emit(c, {
      type: 'connection.status_changed',
      userId,
      connectionId: record.id,
      status,
      previous,
    })
  }
  return toConnection(checked, status)
}

/** Runs `tasks` with at most `limit` of them at once; answers their results in order. */
async function pool<T>(limit: number, tasks: readonly (() => Promise<T>)[]): Promise<T[]> {
  const results: T[] = new Array(tasks.length)
  let next = 0
  const worker = async () => {
    while (next < tasks.length) {
      const index = next++
      const task = tasks[index]
      if (task) results[index] = await task()
    }
  }
  await Promise.all(Array.from({ length: Math.min(limit, tasks.length) }, worker))
  return results
}

/**
 * The connections as the browser sees them, each with its status: from the record while its
 * check is younger than `statusMaxAge`, else from a fresh Get user (what it learns shows at once),
 * at most `statusConcurrency` at once, shared by concurrent requests.
 */
export function connectionsOf(
  runtime: StatusRuntime,
  c: Context,
  userId: string,
  records: readonly ConnectionRecord[],
): Promise<Connection[]> {
  const now = runtime.now()
  return pool(
    runtime.statusConcurrency,
    records.map((record) => () => {
      const checkedAt = record.checkedAt ? Date.parse(record.checkedAt) : Number.NaN
      if (now - checkedAt < runtime.statusMaxAge) return Promise.resolve(toConnection(record))
      return runtime.statusChecks(connectionKey(userId, record.id), () =>
        check(runtime, c, userId, record),
      )
    }),
  )
}
