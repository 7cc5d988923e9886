import type { Context, MiddlewareHandler } from 'hono'
import { loggedBody } from './request-body'
import { pruneOldestEntries, type Retention } from './retention'

/** One request the sandbox received, as tests assert it. */
export interface RecordedRequest {
  method: string
  /** The path without the query string or the base URL's path, e.g. `/auth/connect-token`. */
  path: string
  query: Record<string, string>
  /** Header names in lower case. */
  headers: Record<string, string>
  /**
   * Form fields for urlencoded and multipart bodies, the parsed value for JSON, text otherwise;
   * `null` without a body, and for a body refused for its size (413), which is never read.
   */
  body: unknown
  contentType: string | undefined
  receivedAt: number
}

/** What the log needs to know about the sandbox. */
export interface RequestLogSettings {
  now: () => number
  /** Maps a request path to the sandbox's own (without where it is mounted). */
  localPath: (path: string) => string
  /** Bodies longer than this are never read. */
  maxBodyBytes: number
  /** How many requests it keeps, and how long; `false`: none. */
  retention: Retention | false
}

/**
 * The requests the sandbox received, oldest first, bounded by count and age (older ones are
 * forgotten as new ones arrive). Runs after the body limit, so it never reads an oversized body.
 */
export class RequestLog {
  readonly entries: RecordedRequest[] = []

  constructor(private readonly settings: RequestLogSettings) {}

  /** The middleware that records each request, its body read from a copy. */
  middleware(): MiddlewareHandler {
    return async (c, next) => {
      const { retention, maxBodyBytes } = this.settings
      if (retention) this.record(c, retention, await loggedBody(c.req.raw, maxBodyBytes))
      await next()
    }
  }

  /** Records a request without reading its body: one the body limit refused. */
  recordRefused(c: Context): void {
    const { retention } = this.settings
    if (retention) this.record(c, retention, null)
  }

  clear(): void {
    this.entries.length = 0
  }

  private record(c: Context, retention: Retention, body: unknown): void {
    const url = new URL(c.req.url)
    const receivedAt = this.settings.now()
    this.entries.push({
      method: c.req.method,
      path: this.settings.localPath(url.pathname),
      query: Object.fromEntries(url.searchParams),
      headers: Object.fromEntries(
        [...c.req.raw.headers].map(([name, value]) => [name.toLowerCase(), value]),
      ),
      body,
      contentType: c.req.header('content-type'),
      receivedAt,
    })
    pruneOldestEntries(this.entries, retention, receivedAt, (entry) => entry.receivedAt)
  }
}
