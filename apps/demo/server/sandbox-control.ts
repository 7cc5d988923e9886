import type { PelmMock } from '@acme/pelm-mock'
import type { ConnectionStore } from '@acme/pelm-server'
import { type Context, Hono } from 'hono'
import { csrf } from 'hono/csrf'
import { jsonError } from './json-error'

export interface SandboxControlOptions {
  getUserId: (c: Context) => Promise<string | undefined>
  connectionStore: ConnectionStore
  mock: Pick<PelmMock, 'invalidateCredentials'>
  /** The demo's public origin: the only one allowed to POST here. */
  origin: string
}

/**
 * Sandbox mode only, mounted at `/api/sandbox`: `POST /connections/:id/password-changed` makes one
 * of the signed-in user's connections behave as if its password had been changed at the utility
 * (Pelm's Get user then answers `credentials_valid: false`, and the connection needs a
 * reconnect; the record's last status check is forgotten so the next list shows it). The browser names its own connection id; the server maps it to the Pelm user id,
 * so nobody can reach another person's connection: 404 `connection_not_found`, as for an id that
 * does not exist.
 *
 * @example
 * ```ts
 * app.route('/api/sandbox', sandboxControl({ getUserId, connectionStore, mock, origin }))
 * ```
 */
export function sandboxControl(options: SandboxControlOptions): Hono {
  return new Hono()
    .use(csrf({ origin: options.origin }))
    .post('/connections/:id/password-changed', async (c) => {
      const userId = await options.getUserId(c)
      if (!userId) return jsonError(c, 401, 'unauthenticated', 'Sign in first.')
      const record = await options.connectionStore.get(userId, c.req.param('id'))
      if (!record || !options.mock.invalidateCredentials(record.pelmUserId)) {
        return jsonError(c, 404, 'connection_not_found', 'You have no such connection.')
      }
      // Forget the last status check: the next GET /api/pelm/connections asks the sandbox again.
      await options.connectionStore.set(userId, { ...record, checkedAt: undefined })
      return c.body(null, 204)
    })
}
