import { HTTPException } from 'hono/http-exception'
import { describe, expect, it } from 'vitest'
import type { ConnectionStore } from '../src/connection-store'
import { memoryConnectionStore } from '../src/connection-stores/memory'
import { codeFor, errorOf, harness } from './harness'

/** A memory store whose `method` throws `error`. */
function storeThrowing(method: keyof ConnectionStore, error: unknown): ConnectionStore {
  return {
    ...memoryConnectionStore(),
    [method]: async () => {
      throw error
    },
  }
}

const throwing = (error: unknown) => () => {
  throw error
}

// Issue 18.4: an HTTPException from getUserId or a store answered 500 internal_error (logged
// as an error), or 400 "The request body is not valid JSON" on a request without a body.
describe('an HTTPException thrown by the app’s own code', () => {
  it.each([
    ['POST', '/connect-token'],
    ['POST', '/exchange'],
    ['GET', '/connections'],
    ['DELETE', '/connections/abc'],
  ])(
    'from getUserId: 401 on %s %s is unauthenticated, logged as a warning',
    async (method, path) => {
      const h = harness({
        getUserId: throwing(new HTTPException(401, { message: 'Session expired.' })),
      })
      const response = await h.request(method, path, {
        user: 'alice',
        body: method === 'POST' ? { code: 'c', state: 's' } : undefined,
      })
      expect(response.status).toBe(401)
      expect(await errorOf(response)).toEqual({
        code: 'unauthenticated',
        message: 'Session expired.',
      })
      expect(h.events).toEqual([
        expect.objectContaining({ level: 'warn', event: 'request.rejected', status: 401 }),
      ])
    },
  )

  it('from a store: 400 on GET /connections is bad_request with the exception’s message', async () => {
    const error = new HTTPException(400, { message: 'Choose an organisation first.' })
    const h = harness({ connectionStore: storeThrowing('list', error) })
    const response = await h.request('GET', '/connections', { user: 'alice' })
    expect(response.status).toBe(400)
    expect(await errorOf(response)).toEqual({
      code: 'bad_request',
      message: 'Choose an organisation first.',
    })
  })

  it('keeps 403 as forbidden, and gives a message to one thrown without', async () => {
    const h = harness({ getUserId: throwing(new HTTPException(403)) })
    const response = await h.request('GET', '/connections', { user: 'alice' })
    expect(response.status).toBe(403)
    expect(await errorOf(response)).toEqual({
      code: 'forbidden',
      message: 'The request was refused (403).',
    })
  })

  it('answers the exception’s status from a store on DELETE and connect-token too', async () => {
    const error = new HTTPException(403, { message: 'Read-only account.' })
    const h = harness({ connectionStore: storeThrowing('get', error) })
    for (const [method, path, body] of [
      ['DELETE', '/connections/abc', undefined],
      ['POST', '/connect-token', { connectionId: 'abc' }],
    ] as const) {
      const response = await h.request(method, path, { user: 'alice', body })
      expect(response.status).toBe(403)
      expect(await errorOf(response)).toMatchObject({ code: 'forbidden' })
    }
    expect(h.mock.requests).toHaveLength(0)
  })

  it('answers the exception’s status from a store that refuses to save an exchange', async () => {
    const error = new HTTPException(403, { message: 'Three connections at most.' })
    const h = harness({ connectionStore: storeThrowing('set', error) })
    const started = await h.start('alice')
    const code = codeFor(h.mock, started.connectUrl)
    const response = await h.exchange('alice', { code, state: started.state }, started.cookie)
    expect(response.status).toBe(403)
    expect(await errorOf(response)).toEqual({
      code: 'forbidden',
      message: 'Three connections at most.',
    })
    expect(h.connected).toEqual([])
  })

  it('still answers 500 internal_error to a plain Error, logged as an error', async () => {
    const h = harness({ connectionStore: storeThrowing('list', new Error('pool exhausted')) })
    const response = await h.request('GET', '/connections', { user: 'alice' })
    expect(response.status).toBe(500)
    expect(await errorOf(response)).toEqual({
      code: 'internal_error',
      message: 'Something went wrong on the server.',
    })
    expect(h.events).toContainEqual(
      expect.objectContaining({ level: 'error', event: 'internal_error' }),
    )
  })

  it('answers 500 internal_error to a 5xx HTTPException: only refusals keep their status', async () => {
    const h = harness({ getUserId: throwing(new HTTPException(503, { message: 'db down' })) })
    const response = await h.request('GET', '/connections', { user: 'alice' })
    expect(response.status).toBe(500)
    expect(await errorOf(response)).toMatchObject({ code: 'internal_error' })
  })
})
