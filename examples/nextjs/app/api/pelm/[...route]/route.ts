import type { Hono } from 'hono'
import { createPelmApp } from '../../../../lib/pelm'

// Built on the first request, not at import: `next build` imports route modules to collect
// them, and the secrets may not be set then.
let app: Hono | undefined
const handler = (request: Request): Promise<Response> => {
  app ??= createPelmApp()
  return Promise.resolve(app.fetch(request))
}

// The answers depend on the user and change over time: never prerender or cache them.
export const dynamic = 'force-dynamic'

export const GET = handler
export const POST = handler
export const DELETE = handler
