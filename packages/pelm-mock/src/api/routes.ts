import { Hono } from 'hono'
import type { SandboxContext } from '../sandbox/context'

/** The Pelm API: auth and data endpoints. */
export function apiRoutes(_context: SandboxContext): Hono {
  const app = new Hono()
  return app
}
