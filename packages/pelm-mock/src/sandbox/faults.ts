import type { MiddlewareHandler } from 'hono'
import type { ContentfulStatusCode } from 'hono/utils/http-status'
import type { PelmApiErrorCode } from './errors'

/**
 * One injected fault. It applies to the requests that match `route`, `times` times (default:
 * until removed), in the order the rules were added; the first matching rule wins.
 *
 * @example
 * ```ts
 * import type { FaultRule } from '@acme/pelm-mock'
 *
 * const outage: FaultRule = { route: 'GET /accounts', status: 503, errorCode: 'internal_error', times: 2 }
 * mock.faults.add(outage)
 * ```
 */
export interface FaultRule {
  /** `'POST /auth/token'`, `'/accounts'` (any method) or `'*'` (every request). */
  route: string
  /** Wait this long before answering (real time, not the injected clock). */
  latencyMs?: number
  /** Answer with this status instead of handling the request. */
  status?: ContentfulStatusCode
  /** With `status`: the Pelm error code of the body (default `internal_error`). */
  errorCode?: PelmApiErrorCode
  /** With `status`: this raw body instead of a Pelm error, e.g. malformed JSON. */
  body?: string
  /**
   * Drop the connection: `'before'` the sandbox handles the request (nothing happened upstream),
   * or `'after'` it did (a code is spent, a token issued) but before the answer reaches the caller.
   */
  drop?: 'before' | 'after'
  /** How many matching requests it applies to. */
  times?: number
}

/**
 * Thrown inside the app by a `drop` fault to make the transport drop the connection:
 * `mock.fetch` rejects with `TypeError('fetch failed')` (its `cause`), `servePelmMock` destroys
 * the socket.
 *
 * @example
 * ```ts
 * import { DroppedConnection } from '@acme/pelm-mock'
 *
 * mock.faults.add({ route: 'POST /auth/token', drop: 'after', times: 1 })
 * const failure = await mock.fetch(`${mock.apiUrl}/auth/token`, init).catch((error) => error)
 * failure.cause instanceof DroppedConnection // true
 * ```
 */
export class DroppedConnection extends Error {
  constructor(readonly route: string) {
    super(`pelm-mock dropped the connection of ${route} (fault injection)`)
    this.name = 'DroppedConnection'
  }
}

/**
 * Injects faults into the sandbox: latency, error statuses, malformed bodies, dropped
 * connections. `mock.faults` is one.
 *
 * @example
 * ```ts
 * const undo = mock.faults.add({ route: '*', latencyMs: 300 })
 * // … the slow path of your app …
 * undo()
 * mock.faults.fired // how many requests a rule applied to so far
 * ```
 */
export class FaultInjector {
  private rules: { rule: FaultRule; remaining: number }[] = []

  /**
   * How many times a rule fired (matched a request) since the injector was created. `clear()`
   * removes the rules but keeps this count, so it can be read once a test has cleaned up.
   */
  fired = 0

  /**
   * Adds a rule; returns a function that removes it.
   *
   * @example
   * ```ts
   * mock.faults.add({ route: 'POST /auth/token', status: 503, times: 1 })
   * mock.faults.add({ route: 'POST /auth/token', drop: 'after', times: 1 })
   * ```
   */
  add(rule: FaultRule): () => void {
    const entry = { rule, remaining: rule.times ?? Number.POSITIVE_INFINITY }
    this.rules.push(entry)
    return () => {
      this.rules = this.rules.filter((candidate) => candidate !== entry)
    }
  }

  /** Removes every rule. */
  clear(): void {
    this.rules = []
  }

  /** The rules still active. */
  get active(): FaultRule[] {
    return this.rules.map(({ rule }) => rule)
  }

  /** Takes the first rule matching the request, counting one use of it. */
  take(method: string, path: string): FaultRule | undefined {
    const entry = this.rules.find(({ rule }) => matches(rule.route, method, path))
    if (!entry) return undefined
    this.fired += 1
    entry.remaining -= 1
    if (entry.remaining <= 0) this.rules = this.rules.filter((candidate) => candidate !== entry)
    return entry.rule
  }

  /** The middleware; `localPath` maps a request path to the sandbox's own (without its mount). */
  middleware(localPath: (path: string) => string = (path) => path): MiddlewareHandler {
    return async (c, next) => {
      const path = localPath(c.req.path)
      const route = `${c.req.method} ${path}`
      const rule = this.take(c.req.method, path)
      if (!rule) return next()
      if (rule.latencyMs) await new Promise((resolve) => setTimeout(resolve, rule.latencyMs))
      if (rule.drop === 'before') throw new DroppedConnection(route)
      if (rule.status !== undefined) {
        if (rule.body !== undefined) {
          return c.body(rule.body, rule.status, { 'content-type': 'application/json' })
        }
        const code = rule.errorCode ?? 'internal_error'
        return c.json({ error_code: code, error_message: `Injected fault: ${code}` }, rule.status)
      }
      await next()
      if (rule.drop === 'after') throw new DroppedConnection(route)
    }
  }
}

function matches(pattern: string, method: string, path: string): boolean {
  if (pattern === '*') return true
  const [first, second] = pattern.trim().split(/\s+/)
  if (second === undefined) return first === path
  return first?.toUpperCase() === method && second === path
}
