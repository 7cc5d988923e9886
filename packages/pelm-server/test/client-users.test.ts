import { describe, expect, it } from 'vitest'
import { createPelmClient } from '../src/client'
import { PelmBadRequestError, PelmInvalidResponseError } from '../src/errors'
import { issueCode, pge, rejectionOf, sandboxClient } from './sandbox-client'

/** A sandbox with one connected Pelm User, `user-1`, and its access token. */
async function connected() {
  const sandbox = sandboxClient()
  const { accessToken } = await sandbox.client.exchangeCode(issueCode(sandbox.mock, 'user-1'))
  return { ...sandbox, accessToken }
}

// Issue 13 (the client's getUser and deleteUser): neither existed in 0.1.
describe('getUser', () => {
  it('reads the login behind a token, with the bearer token and both Pelm headers', async () => {
    const { mock, client, accessToken } = await connected()
    await expect(client.getUser('user-1', accessToken)).resolves.toEqual({
      id: 'user-1',
      utility: { id: pge.id, name: pge.name },
      utilityUsername: 'user@pelm.com',
      credentialsValid: true,
    })
    const call = mock.requests.at(-1)
    expect(call).toMatchObject({ method: 'GET', path: '/users/user-1' })
    expect(call?.headers).toMatchObject({
      authorization: `Bearer ${accessToken}`,
      'pelm-client-id': mock.credentials.clientId,
      'pelm-secret': mock.credentials.secret,
    })
  })

  it('tells when the credentials stopped working', async () => {
    const { mock, client, accessToken } = await connected()
    mock.invalidateCredentials('user-1')
    await expect(client.getUser('user-1', accessToken)).resolves.toMatchObject({
      credentialsValid: false,
    })
  })

  it('reads numeric ids as strings and null fields as absent', async () => {
    const { mock, client, accessToken } = await connected()
    mock.faults.add({
      route: 'GET /users/user-1',
      status: 200,
      body: '{"id":42,"utility":{"id":7,"full_name":null},"utility_username":null,"credentials_valid":true,"extra":1}',
      times: 1,
    })
    const user = await client.getUser('user-1', accessToken)
    expect(user).toEqual({
      id: '42',
      utility: { id: '7', name: undefined },
      utilityUsername: undefined,
      credentialsValid: true,
    })
  })

  it.each([
    ['body.credentials_valid must be true or false', '"credentials_valid":"secret-yes-value"'],
    [
      'body.utility.id must be a non-empty string or an integer',
      '"utility":{"id":{"token":"secret-yes-value"}}',
    ],
    ['body.utility_username must be a string', '"utility_username":["secret-yes-value"]'],
    // Text a store keeps as UTF-8 or in a PostgreSQL text column: a NUL is refused there, and a
    // lone surrogate would come back as U+FFFD, another login than the one compared against.
    [
      'body.utility_username must be Unicode text without NUL, at most 1024 characters',
      '"utility_username":"secret-yes-value\\u0000"',
    ],
    [
      'body.utility.full_name must be Unicode text without NUL, at most 1024 characters',
      '"utility":{"id":"1","full_name":"secret-yes-value\\ud800"}',
    ],
    [
      'body.utility_username must be Unicode text without NUL, at most 1024 characters',
      `"utility_username":"secret-yes-value${'x'.repeat(1024)}"`,
    ],
  ])('refuses a wrong shape as invalid_response: %s, never the value', async (message, field) => {
    const { mock, client, accessToken } = await connected()
    const fields = { id: 'user-1', utility: { id: '1' }, credentials_valid: true }
    const body = `${JSON.stringify(fields).slice(0, -1)},${field}}`
    mock.faults.add({ route: 'GET /users/user-1', status: 200, body, times: 1 })
    const error = await rejectionOf(client.getUser('user-1', accessToken))
    expect(error).toBeInstanceOf(PelmInvalidResponseError)
    expect(error.code).toBe('invalid_response')
    expect(error.message).toContain(message)
    expect(error.message).not.toContain('secret-yes-value')
  })

  it('refuses another User’s id as PelmBadRequestError', async () => {
    const { mock, client, accessToken } = await connected()
    await client.exchangeCode(issueCode(mock, 'user-2'))
    const error = await rejectionOf(client.getUser('user-2', accessToken))
    expect(error).toBeInstanceOf(PelmBadRequestError)
    expect(error).toMatchObject({ status: 403, upstreamCode: 'permission_denied' })
  })
})

describe('deleteUser', () => {
  it('deletes the User at Pelm: its token is refused afterwards', async () => {
    const { mock, client, accessToken } = await connected()
    await expect(client.deleteUser('user-1', accessToken)).resolves.toBeUndefined()
    expect(mock.requests.at(-1)).toMatchObject({ method: 'DELETE', path: '/users/user-1' })
    expect(mock.requests.at(-1)?.headers.authorization).toBe(`Bearer ${accessToken}`)
    await expect(client.getAccounts(accessToken)).rejects.toMatchObject({
      upstreamCode: 'token_invalid',
    })
  })

  it('answers a User Pelm does not have as PelmBadRequestError with status 404', async () => {
    const { client, accessToken } = await connected()
    await client.deleteUser('user-1', accessToken)
    const error = await rejectionOf(client.deleteUser('user-1', accessToken))
    expect(error).toBeInstanceOf(PelmBadRequestError)
    expect(error).toMatchObject({ code: 'bad_request', status: 404, upstreamCode: 'not_found' })
  })

  it('retries a transient 503 (deleting is idempotent)', async () => {
    const { mock, client, accessToken } = await connected()
    mock.faults.add({ route: 'DELETE /users/user-1', status: 503, times: 1 })
    await expect(client.deleteUser('user-1', accessToken)).resolves.toBeUndefined()
    expect(mock.requests.filter((request) => request.method === 'DELETE')).toHaveLength(2)
    expect(mock.store.users.has('user-1')).toBe(false)
  })

  it.each([
    ['204 without a body', () => new Response(null, { status: 204 })],
    ['200 with a text body', () => new Response('Deleted.', { status: 200 })],
    ['202 with HTML', () => new Response('<p>ok</p>', { status: 202 })],
    ['200 with JSON', () => Response.json({ deleted: true })],
  ])('takes %s as success, at the deleteUserPath with the id encoded', async (_, answer) => {
    const urls: string[] = []
    const fetch = async (input: RequestInfo | URL, init?: RequestInit) => {
      urls.push(`${init?.method} ${String(input)}`)
      return answer()
    }
    const client = createPelmClient({
      clientId: 'id',
      secret: 's',
      apiUrl: 'https://api.example',
      fetch,
      deleteUserPath: '/v2/users/{user_id}/delete',
    })
    await expect(client.deleteUser('a/b c', 'at_1')).resolves.toBeUndefined()
    expect(urls).toEqual(['DELETE https://api.example/v2/users/a%2Fb%20c/delete'])
  })
})
