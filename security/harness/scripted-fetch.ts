import type { UpstreamAnswer } from './fuzz-upstream'

const NULL_BODY = new Set([204, 205, 304])

export interface ScriptedCall {
  url: string
  body: string
  redirect?: RequestRedirect
  answer: UpstreamAnswer
}

/**
 * A `fetch` that plays a script of answers, one per call (the last one repeats), and records the
 * URLs and bodies it was called with. With `routes`, a call whose URL path starts with one of
 * its keys plays that script instead, counting its own calls.
 */
export function scriptedFetch(
  script: readonly UpstreamAnswer[],
  routes: Record<string, readonly UpstreamAnswer[]> = {},
) {
  const calls: ScriptedCall[] = []
  const routeOf = (url: string) => {
    const path = new URL(url).pathname
    return Object.keys(routes).find((prefix) => path.startsWith(prefix))
  }
  const fetch = async (input: RequestInfo | URL, init?: RequestInit): Promise<Response> => {
    const route = routeOf(String(input))
    const played = (route === undefined ? undefined : routes[route]) ?? script
    const index = calls.filter((call) => routeOf(call.url) === route).length
    const answer = played[Math.min(index, played.length - 1)] as UpstreamAnswer
    calls.push({
      url: String(input),
      body: String(init?.body ?? ''),
      redirect: init?.redirect,
      answer,
    })
    switch (answer.kind) {
      case 'response':
        return new Response(NULL_BODY.has(answer.status) ? null : answer.body, {
          status: answer.status,
          headers: answer.contentType ? { 'content-type': answer.contentType } : {},
        })
      case 'broken body': {
        const stream = new ReadableStream<Uint8Array>({
          start(controller) {
            controller.enqueue(new TextEncoder().encode(answer.prefix.slice(0, 20)))
            controller.error(new TypeError('terminated'))
          },
        })
        return new Response(NULL_BODY.has(answer.status) ? null : stream, { status: answer.status })
      }
      case 'reject':
        if (answer.error === 'refused') {
          throw new TypeError('fetch failed', {
            cause: Object.assign(new Error('connect ECONNREFUSED'), { code: 'ECONNREFUSED' }),
          })
        }
        if (answer.error === 'abort')
          throw new DOMException('The operation was aborted.', 'AbortError')
        if (answer.error === 'not an error') throw 'a string, not an Error'
        throw new TypeError('fetch failed')
      case 'hang':
        return new Promise<Response>((_, reject) => {
          if (answer.honoursAbort) {
            init?.signal?.addEventListener('abort', () => reject(init.signal?.reason))
          }
        })
    }
  }
  return { fetch, calls }
}
