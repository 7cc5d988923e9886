import { describe, expect, it } from 'vitest'
import { createPelmClient } from '../client'
import type { PelmClientOptions } from './options'

const create = (options: Partial<PelmClientOptions>) => () =>
  createPelmClient({ clientId: 'id', secret: 's', ...options })

describe('createPelmClient options', () => {
  it('throws at once on a missing secret, a bad apiUrl or a bad timeout', () => {
    expect(create({ secret: '' })).toThrow(/secret is required/)
    // Left out, not only empty: the option's own message, not valibot's "Invalid key".
    expect(() => createPelmClient({ clientId: 'id' } as PelmClientOptions)).toThrow(
      'createPelmClient: secret is required and must be a non-empty string. It is your Pelm-Secret (e.g. process.env.PELM_SECRET).',
    )
    expect(create({ apiUrl: 'api.pelm.com' })).toThrow(/apiUrl must be an absolute http\(s\) URL/)
    expect(create({ timeoutMs: 0 })).toThrow(/timeoutMs/)
    expect(create({ retry: { retries: -1 } })).toThrow(/retry.retries/)
  })

  // Issue 18.7: Node fires a timer of 2^31 ms or more after 1 ms, so every call timed out.
  it('refuses a timeoutMs a timer cannot wait for, naming the limit', () => {
    expect(create({ timeoutMs: 2 ** 31 })).toThrow(
      'createPelmClient: timeoutMs must be a positive number of ms, at most 2147483647 (got 2147483648).',
    )
    expect(create({ timeoutMs: Number.POSITIVE_INFINITY })).toThrow(/at most 2147483647/)
    expect(create({ timeoutMs: 2 ** 31 - 1 })).not.toThrow()
  })

  // Issue 18.7: `…/pelm?key=abc` sent requests to `…/pelm?key=abc/auth/connect-token`.
  it.each([
    ['a query string', 'https://api.example/pelm?key=abc'],
    ['an empty query', 'https://api.example/pelm?'],
    ['a fragment', 'https://api.example/pelm#v1'],
    ['an empty fragment', 'https://api.example/pelm#'],
    ['credentials', 'https://user:hunter2@api.example/pelm'],
  ])('refuses an apiUrl with %s, without echoing it', (_, apiUrl) => {
    expect(create({ apiUrl })).toThrow(
      'createPelmClient: apiUrl must not have a query string, a fragment or credentials: paths are appended to it.',
    )
  })

  it('takes an apiUrl with a path and trailing slashes as the base of every call', async () => {
    const urls: string[] = []
    const fetch = async (input: RequestInfo | URL) => {
      urls.push(String(input))
      return Response.json({ connect_token: 'ct_1' })
    }
    const client = createPelmClient({
      clientId: 'id',
      secret: 's',
      apiUrl: 'https://api.example/pelm//',
      fetch,
    })
    await client.createConnectToken({ userId: 'u' })
    expect(urls).toEqual(['https://api.example/pelm/auth/connect-token'])
  })

  it('refuses a deleteUserPath without {user_id}, or with a query', () => {
    expect(create({ deleteUserPath: '/users' })).toThrow(
      'createPelmClient: deleteUserPath must contain "{user_id}", e.g. "/users/{user_id}".',
    )
    expect(create({ deleteUserPath: '/users/{user_id}?hard=1' })).toThrow(
      /deleteUserPath must start with "\/" and have no query or fragment/,
    )
  })

  it('refuses a maxResponseBytes outside 1 KiB to 1 GiB', () => {
    expect(create({ maxResponseBytes: 10 })).toThrow(
      /maxResponseBytes must be an integer from 1024 to 1073741824 \(got 10\)/,
    )
  })
})
