import type { Env, MiddlewareHandler } from 'hono'
import { guarded } from './guard'
import { originGuard } from './middleware/origin-guard'
import { requireUser, userIdOf } from './middleware/require-user'
import type { ConnectionHandlersOptions } from './options'
import { createRuntime, type PelmRuntime } from './runtime'

/** The answer of `GET /connection`. */
export type ConnectionStatus =
  | { connected: false }
  | { connected: true; connectedAt: string; utility?: { id?: string; slug?: string } }

const noStore = { 'Cache-Control': 'no-store' }

export function connectionRoutes(runtime: PelmRuntime) {
  const user = requireUser(runtime)
  return {
    get: guarded(runtime, user, async (c) => {
      const record = await runtime.tokenStore.get(userIdOf(c))
      const status: ConnectionStatus = record
        ? {
            connected: true,
            connectedAt: record.connectedAt,
            ...(record.utility && { utility: record.utility }),
          }
        : { connected: false }
      return c.json(status, 200, noStore)
    }),
    delete: guarded(runtime, originGuard(runtime.allowedOrigins), user, async (c) => {
      const userId = userIdOf(c)
      await runtime.tokenStore.delete(userId)
      runtime.log({ level: 'info', event: 'connection.deleted', userId })
      return c.body(null, 204, noStore)
    }),
  }
}

/**
 * `GET` and `DELETE` handlers of the signed-in user's connection: `get` answers
 * `{ connected: false }` or `{ connected: true, connectedAt, utility? }`; `delete` forgets the
 * stored token and answers 204 (also when there was none).
 *
 * @example
 * ```ts
 * const connection = connectionHandlers({ getUserId, tokenStore })
 * app.get('/pelm/connection', connection.get)
 * app.delete('/pelm/connection', connection.delete)
 * ```
 */
export function connectionHandlers<E extends Env = Env>(
  options: ConnectionHandlersOptions<E>,
): { get: MiddlewareHandler<E>; delete: MiddlewareHandler<E> } {
  return connectionRoutes(createRuntime(options, 'connectionHandlers', ['tokenStore']))
}
