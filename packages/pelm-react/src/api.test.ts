import { describe, expect, test, vi } from 'vitest'
import { json } from '../test/fake-server'
import { request } from './api'
import { PelmConnectError } from './errors'

const failWith = (response: Response) =>
  request({ basePath: '/api/pelm', fetch: async () => response }, '/exchange')

describe('request', () => {
  test('sends JSON to {basePath}{path} with extra headers (fetch sends same-origin cookies by default)', async () => {
    const fetch = vi.fn(async () => json({ ok: 1 }))
    const answer = await request(
      { basePath: '/internal/pelm', fetch, headers: { 'x-csrf': 't' } },
      '/connect-token',
      'POST',
      { utilitySlug: 'pge', utilityId: undefined },
    )
    expect(answer).toEqual({ ok: 1 })
    expect(fetch).toHaveBeenCalledWith('/internal/pelm/connect-token', {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-csrf': 't' },
      body: '{"utilitySlug":"pge"}',
    })
  })

  test('defaults to the global fetch', async () => {
    const fetch = vi.spyOn(globalThis, 'fetch').mockResolvedValue(json({ connections: [] }))
    await request({ basePath: '/api/pelm' }, '/connections')
    expect(fetch).toHaveBeenCalledWith('/api/pelm/connections', expect.objectContaining({}))
    fetch.mockRestore()
  })

  test('a server error body becomes a PelmConnectError with its code and status', async () => {
    const error = await failWith(
      json({ error: { code: 'state_used', message: 'Already used' } }, 409),
    ).catch((e) => e)
    expect(error).toBeInstanceOf(PelmConnectError)
    expect(error).toMatchObject({
      name: 'PelmConnectError',
      code: 'state_used',
      message: 'Already used',
      status: 409,
      retryable: false,
    })
  })

  test('a non-JSON error body still becomes a typed http_error', async () => {
    const error = await failWith(new Response('<h1>Bad gateway</h1>', { status: 502 })).catch(
      (e) => e,
    )
    expect(error).toMatchObject({ code: 'http_error', status: 502, retryable: true })
  })

  test('an error body of the wrong shape becomes an http_error', async () => {
    const error = await failWith(json({ error: { code: 42 } }, 400)).catch((e) => e)
    expect(error).toMatchObject({ code: 'http_error', message: 'HTTP 400', status: 400 })
  })

  test('an error body with only a code: the message is the code, and the status is the real one', async () => {
    const error = await failWith(json({ error: { code: 'state_used' } }, 409)).catch((e) => e)
    expect(error).toMatchObject({ code: 'state_used', message: 'state_used', status: 409 })
  })

  test('an error body cannot set the status: it is the response status', async () => {
    const error = await failWith(
      json({ error: { code: 'state_used', message: 'Used', status: 500 } }, 409),
    ).catch((e) => e)
    expect(error).toMatchObject({ status: 409, retryable: false })
  })

  test.each(['null', '"text"', '42', '{"error":null}', '{"error":"x"}'])(
    'an error body of %s becomes an http_error',
    async (body) => {
      const error = await failWith(new Response(body, { status: 500 })).catch((e) => e)
      expect(error).toMatchObject({ code: 'http_error', message: 'HTTP 500', status: 500 })
    },
  )

  test('5xx answers are retryable', async () => {
    const error = await failWith(
      json({ error: { code: 'upstream_timeout', message: 'Pelm did not answer' } }, 504),
    ).catch((e) => e)
    expect(error).toMatchObject({ code: 'upstream_timeout', retryable: true })
  })

  test('a network failure becomes a retryable network_error keeping the cause', async () => {
    const cause = new TypeError('Failed to fetch')
    const error = await request(
      {
        basePath: '/api/pelm',
        fetch: async () => {
          throw cause
        },
      },
      '/connections',
    ).catch((e) => e)
    expect(error).toBeInstanceOf(PelmConnectError)
    expect(error).toMatchObject({ code: 'network_error', retryable: true, cause })
  })

  test('a custom fetch that throws instead of rejecting is a network_error too', async () => {
    const cause = new Error('no CSRF token yet') // a wrapper that is not an async function
    const error = await new Promise((resolve) => {
      const fetch = () => {
        throw cause
      }
      request({ basePath: '/api/pelm', fetch }, '/connections').catch(resolve)
    })
    expect(error).toBeInstanceOf(PelmConnectError)
    expect(error).toMatchObject({ code: 'network_error', cause })
  })

  test('a 204 answers undefined', async () => {
    const answer = await request(
      { basePath: '/api/pelm', fetch: async () => new Response(null, { status: 204 }) },
      '/connections/c1',
      'DELETE',
    )
    expect(answer).toBeUndefined()
  })
})
