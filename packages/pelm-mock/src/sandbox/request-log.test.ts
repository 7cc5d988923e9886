import { describe, expect, it } from 'vitest'
import { testSandbox } from '../../test/api-sandbox'
import { createPelmMock } from '../create-pelm-mock'

const MiB = 1024 * 1024

/** A body of `totalBytes` that counts how much of it was read. */
function countedBody(totalBytes: number) {
  const chunk = new Uint8Array(64 * 1024).fill(0x61)
  let read = 0
  const stream = new ReadableStream<Uint8Array>({
    pull(controller) {
      if (read >= totalBytes) return controller.close()
      read += chunk.byteLength
      controller.enqueue(chunk)
    },
  })
  return { stream, read: () => read }
}

describe('the request log and the body limit', () => {
  it('refuses a 50 MiB body after reading at most a little over the limit, and keeps no body', async () => {
    const { mock, pelmHeaders } = testSandbox()
    const body = countedBody(50 * MiB)
    const init: RequestInit & { duplex: 'half' } = {
      method: 'POST',
      headers: { ...pelmHeaders, 'content-type': 'application/x-www-form-urlencoded' },
      body: body.stream,
      duplex: 'half',
    }
    const response = await mock.fetch(`${mock.apiUrl}/auth/connect-token`, init)
    expect(response.status).toBe(413)
    expect(body.read()).toBeLessThan(MiB)
    expect(mock.requests).toEqual([
      expect.objectContaining({ method: 'POST', path: '/auth/connect-token', body: null }),
    ])
  })

  it('refuses a body whose Content-Length is over the limit without reading it', async () => {
    const mock = createPelmMock({ maxBodyBytes: 1000 })
    const body = countedBody(10 * MiB)
    const init: RequestInit & { duplex: 'half' } = {
      method: 'POST',
      headers: { 'content-length': String(10 * MiB), 'content-type': 'text/plain' },
      body: body.stream,
      duplex: 'half',
    }
    const response = await mock.fetch(`${mock.apiUrl}/auth/token`, init)
    expect(response.status).toBe(413)
    expect(body.read()).toBeLessThanOrEqual(64 * 1024)
    expect(mock.requests[0]?.body).toBeNull()
  })
})

describe('the request log bounds', () => {
  const send = (mock: ReturnType<typeof createPelmMock>, n: number) =>
    mock.fetch(`${mock.apiUrl}/nothing-${n}`, { method: 'POST', body: 'x'.repeat(100) })

  it('keeps the last 1,000 requests by default', async () => {
    const mock = createPelmMock()
    for (let n = 0; n < 1_200; n++) await send(mock, n)
    expect(mock.requests).toHaveLength(1_000)
    expect(mock.requests[0]?.path).toBe('/nothing-200')
    expect(mock.requests.at(-1)?.path).toBe('/nothing-1199')
  })

  it('forgets requests older than maxAgeMs as new ones arrive', async () => {
    const { mock, clock } = testSandbox({ requestLog: { maxAgeMs: 60_000 } })
    await send(mock, 1)
    clock.now += 30_000
    await send(mock, 2)
    clock.now += 30_000
    await send(mock, 3)
    expect(mock.requests.map((request) => request.path)).toEqual(['/nothing-2', '/nothing-3'])
  })

  it('honours maxEntries', async () => {
    const mock = createPelmMock({ requestLog: { maxEntries: 2 } })
    for (let n = 0; n < 5; n++) await send(mock, n)
    expect(mock.requests.map((request) => request.path)).toEqual(['/nothing-3', '/nothing-4'])
  })

  it('records nothing with requestLog: false', async () => {
    const mock = createPelmMock({ requestLog: false })
    await send(mock, 1)
    expect(mock.requests).toEqual([])
  })
})

describe('a body longer than its Content-Length says (in-process only)', () => {
  it('is answered, and the log keeps no body rather than reading past the limit', async () => {
    const mock = createPelmMock({ maxBodyBytes: 1000 })
    const body = countedBody(10 * MiB)
    const init: RequestInit & { duplex: 'half' } = {
      method: 'POST',
      headers: { 'content-length': '10', 'content-type': 'text/plain' },
      body: body.stream,
      duplex: 'half',
    }
    const response = await mock.fetch(`${mock.apiUrl}/nothing`, init)
    expect(response.status).toBe(404)
    expect(mock.requests[0]?.body).toBeNull()
  })
})
