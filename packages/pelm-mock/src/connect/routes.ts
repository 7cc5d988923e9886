import { Hono } from 'hono'
import type { SandboxContext } from '../sandbox/context'

/** The hosted Connect pages, mounted at `/connect`. */
export function connectRoutes(_context: SandboxContext): Hono {
  const app = new Hono()
  return app
}
