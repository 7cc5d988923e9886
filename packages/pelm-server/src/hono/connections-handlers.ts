import type { Context, Env, MiddlewareHandler } from 'hono'
import { CONNECTION_ID } from '../connection-store'
import { isLoginGone } from '../errors'
import { connectionKey } from '../single-flight'
import { connectionsOf } from './connection-status'
import { connectionNotFound } from './errors/json-error'
import { upstreamHttpError } from './errors/upstream'
import { describeError } from './logger'
import type { ConnectionsHandlersOptions } from './options'
import { userRoute } from './route'
import {
  type BaseRuntime,
  baseRuntime,
  type ConnectionsRuntime,
  connectionsRuntime,
} from './runtime'
import type { ConnectionsResponse } from './wire'

const noStore = { 'Cache-Control': 'no-store' }

/** Deletes the User at Pelm, then forgets the connection and tells the app. */
async function disconnect(
  runtime: BaseRuntime & ConnectionsRuntime,
  c: Context,
  userId: string,
  id: string,
): Promise<void> {
  const record = await runtime.connectionStore.get(userId, id)
  if (!record) throw connectionNotFound()
  // Pelm first: if it fails, the record stays and the person can try again.
  try {
    await runtime.client.deleteUser(record.pelmUserId, record.accessToken)
  } catch (error) {
    // Already gone at Pelm (the User, or its token): nothing left to delete there.
    if (!isLoginGone(error)) throw upstreamHttpError(error, 'disconnect')
  }
  await runtime.connectionStore.delete(userId, id)
  runtime.log({ level: 'info', event: 'connection.deleted', userId, connectionId: id })
  runtime.emit(c, { type: 'connection.deleted', userId, connectionId: id })
  try {
    await runtime.onDisconnected?.(c, { userId, connectionId: id })
  } catch (error) {
    runtime.log(
      { level: 'error', event: 'on_disconnected.failed', userId, error: describeError(error) },
      [record.accessToken],
    )
  }
}

export function connectionsRoutes(runtime: BaseRuntime & ConnectionsRuntime) {
  return {
    list: userRoute(runtime, async (c, userId) => {
      const records = await runtime.connectionStore.list(userId)
      const answer: ConnectionsResponse = {
        connections: await connectionsOf(runtime, c, userId, records),
      }
      return c.json(answer, 200, noStore)
    }),
    delete: userRoute(runtime, async (c, userId) => {
      const id = c.req.param('id') ?? ''
      if (!CONNECTION_ID.test(id)) throw connectionNotFound()
      // A second DELETE of this user's connection while one runs (double click, two tabs) shares
      // its outcome: one Delete user at Pelm, one onDisconnected.
      await runtime.deletions(connectionKey(userId, id), () => disconnect(runtime, c, userId, id))
      return c.body(null, 204, noStore)
    }),
  }
}

/** Builds what the connections routes need from the options; checks them now. */
export function connectionsRuntimeOf(options: unknown, owner: string) {
  return { ...baseRuntime(options, owner), ...connectionsRuntime(options, owner) }
}

/**
 * The signed-in user's connections: `list` answers `{ connections: Connection[] }` (never a token),
 * each with its `status` (`active`, `reconnect_required` or `unknown`) from Pelm's Get user,
 * checked at most every `statusMaxAge`; `delete` (on a route with an `:id` param) deletes the User
 * at Pelm, then forgets the connection, and answers 204; 404 `connection_not_found` for an id
 * this user does not have.
 *
 * @example
 * ```ts
 * const connections = connectionsHandlers({ clientId, secret, getUserId, connectionStore })
 * app.get('/pelm/connections', connections.list)
 * app.delete('/pelm/connections/:id', connections.delete)
 * ```
 */
export function connectionsHandlers<E extends Env = Env>(
  options: ConnectionsHandlersOptions<E>,
): { list: MiddlewareHandler<E>; delete: MiddlewareHandler<E> } {
  return connectionsRoutes(connectionsRuntimeOf(options, 'connectionsHandlers'))
}
