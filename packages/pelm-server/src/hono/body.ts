import type { Context } from 'hono'

/** The body `validateJson` checked, typed by its schema's output. */
export function validBody<T>(c: Context): T {
  return (c.req as unknown as { valid(target: 'json'): T }).valid('json')
}
