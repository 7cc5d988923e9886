import { describe, expect, it } from 'vitest'
import { createPelmClient } from '../client'
import { PelmInvalidResponseError } from '../errors'

const KiB = 1024
const MiB = 1024 * KiB
const CHUNK = 64 * KiB

/**
 * A "Pelm" whose answer streams `totalBytes` of JSON-ish filler, 64 KiB per pull, made only as
 * it is read; `stats` tell how much was pulled and whether the reader cancelled.
 */
function streamingFetch(totalBytes: number, headers: Record<string, string> = {}) {
  const stats = { pulled: 0, cancelled: false }
  const chunk = new Uint8Array(CHUNK).fill(0x20)
  const fetch = async () => {
    let sent = 0
    const body = new ReadableStream<Uint8Array>({
      pull(controller) {
        if (sent >= totalBytes) return controller.close()
        stats.pulled += 1
        sent += CHUNK
        controller.enqueue(chunk)
      },
      cancel() {
        stats.cancelled = true
      },
    })
    return new Response(body, { status: 200, headers })
  }
  return { fetch, stats }
}

const client = (fetch: typeof globalThis.fetch, maxResponseBytes?: number) =>
  createPelmClient({
    clientId: 'id',
    secret: 's',
    apiUrl: 'https://api.example',
    fetch,
    maxResponseBytes,
  })

// Issue 18.8: 12 concurrent 500 MiB answers took the server to 4.3 GB.
describe('the cap on an answer’s size', () => {
  it('stops reading a 500 MiB answer at maxResponseBytes and fails typed', async () => {
    const { fetch, stats } = streamingFetch(500 * MiB)
    const error = await client(fetch, MiB)
      .getUser('u', 'at_1')
      .catch((thrown: unknown) => thrown)
    expect(error).toBeInstanceOf(PelmInvalidResponseError)
    expect(error).toMatchObject({
      code: 'invalid_response',
      message: 'Pelm answered GET /users/{user_id} with a body larger than 1048576 bytes.',
    })
    // Read up to the cap (16 chunks) and one more, then cancelled: never the 8,000 chunks.
    expect(stats.pulled).toBeLessThanOrEqual(MiB / CHUNK + 2)
    expect(stats.cancelled).toBe(true)
  })

  it('counts the bytes, whatever a lying Content-Length says', async () => {
    const { fetch, stats } = streamingFetch(500 * MiB, { 'content-length': '20' })
    await expect(client(fetch, MiB).exchangeCode('code_1')).rejects.toBeInstanceOf(
      PelmInvalidResponseError,
    )
    expect(stats.pulled).toBeLessThanOrEqual(MiB / CHUNK + 2)
    expect(stats.cancelled).toBe(true)
  })

  it('refuses an announced oversized answer before reading its body', async () => {
    const { fetch, stats } = streamingFetch(500 * MiB, { 'content-length': String(500 * MiB) })
    await expect(client(fetch, MiB).createConnectToken({ userId: 'u' })).rejects.toThrow(
      'with a body larger than 1048576 bytes',
    )
    // A stream may pull one chunk ahead when it is made; nothing is read after that.
    expect(stats.pulled).toBeLessThanOrEqual(1)
    expect(stats.cancelled).toBe(true)
  })

  it('applies the 8 MiB default, also to a Delete user whose body is never parsed', async () => {
    const { fetch, stats } = streamingFetch(500 * MiB)
    await expect(client(fetch).deleteUser('u', 'at_1')).rejects.toBeInstanceOf(
      PelmInvalidResponseError,
    )
    expect(stats.pulled).toBeLessThanOrEqual((8 * MiB) / CHUNK + 2)
  })

  it('reads an answer of exactly maxResponseBytes', async () => {
    const body = JSON.stringify({ access_token: 'at_1' }).padEnd(KiB, ' ')
    const fetch = async () => new Response(body, { status: 200 })
    await expect(client(fetch, KiB).exchangeCode('code_1')).resolves.toEqual({
      accessToken: 'at_1',
    })
  })
})
