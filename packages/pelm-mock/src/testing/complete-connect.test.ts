import { ConnectFlowError, completeConnect } from '@acme/pelm-mock/testing'
import { afterEach, describe, expect, it } from 'vitest'
import { testSandbox } from '../../test/api-sandbox'
import { CONNECT_TOKEN_TTL_MS } from '../sandbox/store'
import { type ServedPelmMock, servePelmMock } from '../serve'

const REDIRECT_URI = 'https://app.example/pelm/callback?tenant=acme'

/** A sandbox, and the connect URL an app's server would build for `fields`. */
async function withConnectUrl(fields: Record<string, string> = { user_id: 'conn-1' }) {
  const sandbox = testSandbox()
  const created = await sandbox.post('/auth/connect-token', fields)
  const { connect_token } = await created.json()
  const url = new URL(`${sandbox.mock.connectUrl}/`)
  url.search = new URLSearchParams({
    redirect_uri: REDIRECT_URI,
    connect_token,
    state: 'st-1',
  }).toString()
  const exchange = async (back: URL) => {
    const code = back.searchParams.get('code') ?? ''
    const response = await sandbox.post('/auth/token', { code, grant_type: 'code' })
    return ((await response.json()) as { access_token: string }).access_token
  }
  return { ...sandbox, connectUrl: url.href, exchange }
}

describe('completeConnect', () => {
  it('walks a new user through Terms, utility and sign-in to the hand-back URL', async () => {
    const { mock, connectUrl, exchange } = await withConnectUrl()
    const back = await completeConnect(connectUrl, { fetch: mock.fetch })
    expect(back.origin + back.pathname).toBe('https://app.example/pelm/callback')
    expect(back.searchParams.get('tenant')).toBe('acme')
    expect(back.searchParams.get('state')).toBe('st-1')
    await exchange(back)
    expect(mock.store.users.get('conn-1')).toMatchObject({ utility: { slug: 'pge' } })
  })

  it('picks the given utility, and signs in with the given login (MFA answered)', async () => {
    const { mock, connectUrl, exchange } = await withConnectUrl()
    const login = { username: 'mfa@pelm.com' }
    await exchange(await completeConnect(connectUrl, { fetch: mock.fetch, utility: 'sce', login }))
    expect(mock.store.users.get('conn-1')).toMatchObject({
      utility: { slug: 'sce' },
      utilityUsername: 'mfa@pelm.com',
    })
  })

  it('reconnects a known user in update mode (no Terms), making its credentials valid again', async () => {
    const { mock, connect, connectUrl, exchange } = await withConnectUrl({
      user_id: 'conn-1',
      utility_slug: 'sce',
    })
    await connect('conn-1', 'sce')
    mock.invalidateCredentials('conn-1')
    await exchange(await completeConnect(connectUrl, { fetch: mock.fetch }))
    expect(mock.store.users.get('conn-1')).toMatchObject({
      credentialsValid: true,
      accessTokens: [expect.any(String), expect.any(String)],
    })
  })

  it('throws a ConnectFlowError when the login is refused', async () => {
    const { mock, connectUrl } = await withConnectUrl()
    const login = { username: 'user@pelm.com', password: 'wrong' }
    const failure = completeConnect(connectUrl, { fetch: mock.fetch, login })
    await expect(failure).rejects.toThrow(ConnectFlowError)
    await expect(failure).rejects.toThrow(
      'Pelm Connect stopped on the credentials screen (401): Sign in to Pacific Gas and Electric: The username or password is incorrect. 4 attempts left.',
    )
  })

  it('says which choice the utility screen refused', async () => {
    const { mock, connectUrl } = await withConnectUrl()
    const failure = completeConnect(connectUrl, { fetch: mock.fetch, utility: 'nope' })
    await expect(failure).rejects.toThrow(
      /utility screen \(422\): .*Choose a utility from the list/,
    )
  })

  it('says when the URL is not one of the sandbox Connect pages (connectUrl not set)', async () => {
    const { mock, connectUrl } = await withConnectUrl()
    // the app still builds Pelm's own Connect URL: mock.fetch gets a path the sandbox has not
    const live = new URL(`https://connect.pelm.com/${new URL(connectUrl).search}`)
    const error = await completeConnect(live, { fetch: mock.fetch }).catch((e) => e)
    expect(error).toBeInstanceOf(ConnectFlowError)
    expect(error.message).toBe(
      "https://connect.pelm.com/ answered 404 with no Pelm Connect page: is it the sandbox's connectUrl?",
    )
  })

  it('says how to reach an in-process sandbox when fetch cannot (no fetch option)', async () => {
    const { connectUrl } = await withConnectUrl()
    // what the global fetch does for http://pelm.localhost, which nothing serves
    const cause = new Error('getaddrinfo ENOTFOUND pelm.localhost')
    const unreachable = () => Promise.reject(new TypeError('fetch failed', { cause }))
    const error = await completeConnect(connectUrl, { fetch: unreachable }).catch((e) => e)
    expect(error).toBeInstanceOf(TypeError)
    expect(error.message).toBe(
      'Could not reach http://pelm.localhost/connect/ (fetch failed: getaddrinfo ENOTFOUND pelm.localhost). A sandbox made with createPelmMock and not served answers only in-process: pass { fetch: mock.fetch }.',
    )
    expect(error.cause).toBeInstanceOf(TypeError)
  })

  it('throws a ConnectFlowError with the page on an expired link', async () => {
    const { mock, clock, connectUrl } = await withConnectUrl()
    clock.now += CONNECT_TOKEN_TTL_MS
    const error = await completeConnect(connectUrl, { fetch: mock.fetch }).catch((e) => e)
    expect(error).toBeInstanceOf(ConnectFlowError)
    expect(error.page).toMatchObject({ status: 410, screen: 'error' })
    expect(error.message).toMatch(/error screen \(410\): This link has expired/)
  })
})

describe('completeConnect over HTTP', () => {
  let served: ServedPelmMock | undefined
  afterEach(async () => {
    await served?.close()
  })

  it('uses the global fetch by default', async () => {
    served = await servePelmMock({ port: 0 })
    const { token } = served.store.createConnectToken('conn-1')
    const query = new URLSearchParams({ connect_token: token, redirect_uri: REDIRECT_URI })
    const back = await completeConnect(`${served.connectUrl}/?${query}`)
    expect(back.searchParams.get('code')).toMatch(/^code_/)
  })
})
