import { describe, expect, it, vi } from 'vitest'
import { createPelmClient } from '../client'
import {
  PelmBadRequestError,
  PelmInvalidResponseError,
  PelmTimeoutError,
  PelmUnavailableError,
} from '../errors'

const FAST_RETRY = { baseDelayMs: 1, maxDelayMs: 2 }

type Answer = Response | Error | (() => Promise<Response>)

/** A fetch that plays the given answers in order and records each call. */
function scriptedFetch(...answers: Answer[]) {
  const calls: { url: string; init: RequestInit | undefined }[] = []
  const fetch = vi.fn(async (input: RequestInfo | URL, init?: RequestInit) => {
    calls.push({ url: String(input), init })
    const answer = answers.shift()
    if (!answer) throw new Error('no scripted answer left')
    if (answer instanceof Error) throw answer
    return typeof answer === 'function' ? answer() : answer
  })
  return { fetch: fetch as unknown as typeof globalThis.fetch, calls }
}

const json = (body: unknown, status = 200) =>
  new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } })

const refused = () =>
  new TypeError('fetch failed', {
    cause: Object.assign(new Error('connect ECONNREFUSED'), { code: 'ECONNREFUSED' }),
  })

const client = (fetch: typeof globalThis.fetch, timeoutMs = 1000) =>
  createPelmClient({
    clientId: 'id',
    secret: 'secret',
    apiUrl: 'https://api.example/',
    fetch,
    timeoutMs,
    retry: FAST_RETRY,
  })

describe('transport', () => {
  it('retries exchangeCode only when the connection was provably never made', async () => {
    const { fetch, calls } = scriptedFetch(refused(), json({ access_token: 'at_1' }))
    await expect(client(fetch).exchangeCode('c')).resolves.toEqual({ accessToken: 'at_1' })
    expect(calls).toHaveLength(2)
    expect(calls[0]?.url).toBe('https://api.example/auth/token')
  })

  it('does not retry exchangeCode on an ambiguous network error', async () => {
    const { fetch, calls } = scriptedFetch(
      new TypeError('fetch failed'),
      json({ access_token: 'x' }),
    )
    await expect(client(fetch).exchangeCode('c')).rejects.toBeInstanceOf(PelmUnavailableError)
    expect(calls).toHaveLength(1)
  })

  it('never follows redirects (the secret header would travel along)', async () => {
    const { fetch, calls } = scriptedFetch(
      new Response(null, { status: 302, headers: { location: 'https://evil.example' } }),
    )
    await expect(client(fetch).createConnectToken({ userId: 'u' })).rejects.toBeInstanceOf(
      PelmInvalidResponseError,
    )
    expect(calls[0]?.init?.redirect).toBe('manual')
  })

  it('reads the error message from `message` as well as `error_message`', async () => {
    const { fetch } = scriptedFetch(
      json({ error_code: 'parameter_missing', message: 'user_id is required' }, 400),
    )
    await expect(client(fetch).createConnectToken({ userId: 'u' })).rejects.toMatchObject({
      constructor: PelmBadRequestError,
      upstreamCode: 'parameter_missing',
      upstreamMessage: 'user_id is required',
    })
  })

  it('counts the timeout over the whole call, slow bodies included', async () => {
    const slowBody = () =>
      Promise.resolve(
        new Response(
          new ReadableStream({
            start(controller) {
              controller.enqueue(new TextEncoder().encode('{"connect_token":'))
            },
          }),
          { status: 200 },
        ),
      )
    const { fetch } = scriptedFetch(slowBody)
    const started = Date.now()
    await expect(client(fetch, 40).createConnectToken({ userId: 'u' })).rejects.toBeInstanceOf(
      PelmTimeoutError,
    )
    expect(Date.now() - started).toBeLessThan(1000)
  })

  it('does not start a retry that cannot finish before the deadline', async () => {
    const { fetch, calls } = scriptedFetch(json({}, 503), json({}, 503), json({}, 503))
    const pelm = createPelmClient({
      clientId: 'id',
      secret: 's',
      fetch,
      timeoutMs: 50,
      retry: { retries: 2, baseDelayMs: 10_000, maxDelayMs: 10_000 },
    })
    vi.spyOn(Math, 'random').mockReturnValue(1)
    await expect(pelm.createConnectToken({ userId: 'u' })).rejects.toMatchObject({ status: 503 })
    vi.restoreAllMocks()
    expect(calls).toHaveLength(1)
  })
})
