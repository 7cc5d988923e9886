import type { Context } from 'hono'

/**
 * The text fields of a posted form. A body that is not a form, or does not parse, reads as empty,
 * so the screen answers with its "required" errors instead of failing.
 */
export async function readForm(c: Context): Promise<Record<string, string>> {
  try {
    const body = await c.req.parseBody()
    const fields: Record<string, string> = {}
    for (const [name, value] of Object.entries(body)) {
      if (typeof value === 'string') fields[name] = value
    }
    return fields
  } catch {
    return {}
  }
}
