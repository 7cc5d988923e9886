import type { UpstreamAnswer } from './fuzz-upstream'

const NULL_BODY = new Set([204, 205, 304])

/**
 * A `fetch` that plays a script of answers, one per call (the last one repeats), and records the
 * URLs and bodies it was called with.
 */
export function scriptedFetch(script: readonly UpstreamAnswer[]) {
  const calls: { url: string; body: string; redirect?: RequestRedirect; answer: UpstreamAnswer }[] =
    []
  const fetch = async (input: RequestInfo | URL, init?: RequestInit): Promise<Response> => {
    const answer = script[Math.min(calls.length, script.length - 1)] as UpstreamAnswer
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
