import type { MiddlewareHandler } from 'hono'

/** One request the sandbox received, as tests assert it. */
export interface RecordedRequest {
  method: string
  /** The path without the query string or the base URL's path, e.g. `/auth/connect-token`. */
  path: string
  query: Record<string, string>
  /** Header names in lower case. */
  headers: Record<string, string>
  /** Form fields for urlencoded and multipart bodies, the parsed value for JSON, text otherwise. */
  body: unknown
  contentType: string | undefined
  receivedAt: number
}

async function readBody(request: Request, contentType: string | undefined): Promise<unknown> {
  if (request.method === 'GET' || request.method === 'HEAD' || request.body === null) return null
  try {
    if (
      contentType?.startsWith('application/x-www-form-urlencoded') ||
      contentType?.startsWith('multipart/form-data')
    ) {
      const form = await request.formData()
      const fields: Record<string, string> = {}
      for (const [name, value] of form)
        fields[name] = typeof value === 'string' ? value : `[file ${value.name}]`
      return fields
    }
    const text = await request.text()
    if (contentType?.startsWith('application/json')) return JSON.parse(text)
    return text
  } catch {
    return null
  }
}

/** Records every request into `log` before the routes see it; the routes still read the body. */
export function requestLog(
  log: RecordedRequest[],
  now: () => number,
  localPath: (path: string) => string = (path) => path,
): MiddlewareHandler {
  return async (c, next) => {
    const url = new URL(c.req.url)
    const contentType = c.req.header('content-type')
    log.push({
      method: c.req.method,
      path: localPath(url.pathname),
      query: Object.fromEntries(url.searchParams),
      headers: Object.fromEntries(
        [...c.req.raw.headers].map(([name, value]) => [name.toLowerCase(), value]),
      ),
      body: await readBody(c.req.raw.clone(), contentType),
      contentType,
      receivedAt: now(),
    })
    await next()
  }
}
