import { describe, expect, it } from 'vitest'
import { createHarness, type Harness } from '../harness/app'
import { type Attempt, tryAttack } from '../harness/attack'
import { stateParts } from '../harness/states'

// The user id comes from the app's session, the user_id Pelm gets from the server (the connection
// id it mints), and redirect_uri/connect URL from configuration only (RFC 9700 §2.1, §4.1: exact
// redirect URIs). Whatever a request carries under those names, in its body, query or headers,
// must be ignored.

const EVIL = 'https://evil.example'
const smuggled = {
  user_id: 'mallory',
  userId: 'mallory',
  user: 'mallory',
  redirect_uri: `${EVIL}/steal`,
  redirectUri: `${EVIL}/steal`,
  connect_url: `${EVIL}/connect`,
  connectUrl: `${EVIL}/connect`,
  apiUrl: EVIL,
  clientId: 'attacker-client',
}
const smuggledHeaders = {
  'x-user-id': 'mallory',
  'user-id': 'mallory',
  'pelm-user-id': 'mallory',
  'x-redirect-uri': `${EVIL}/steal`,
  'x-connect-url': `${EVIL}/connect`,
  'pelm-client-id': 'attacker-client',
  'pelm-secret': 'attacker-secret',
  authorization: 'Bearer attacker-token',
  'x-forwarded-host': 'evil.example',
  forwarded: 'host=evil.example;proto=https',
  referer: `${EVIL}/page`,
}
const query = `?${new URLSearchParams(smuggled)}`

type Place = 'body' | 'query' | 'headers' | 'all'
const places: Place[] = ['body', 'query', 'headers', 'all']

function inputs(place: Place, body: Record<string, unknown>) {
  const inBody = place === 'body' || place === 'all'
  const inQuery = place === 'query' || place === 'all'
  const inHeaders = place === 'headers' || place === 'all'
  return {
    path: inQuery ? query : '',
    body: inBody ? { ...smuggled, ...body } : body,
    headers: inHeaders ? smuggledHeaders : {},
  }
}

/** The last call the app made to the sandbox at `path`. */
const lastCall = (h: Harness, path: string) => h.mock.requests.filter((r) => r.path === path).at(-1)

describe('smuggled user_id, redirect_uri and connect_url', () => {
  it('ignores them on POST /connect-token: Pelm gets the minted connection id, the URL the config', async () => {
    const h = createHarness()
    const attempts: Attempt[] = places.map((place) => ({
      label: `in the ${place}`,
      async send() {
        const { path, body, headers } = inputs(place, {})
        return h.request('POST', `/connect-token${path}`, { user: 'alice', body, headers })
      },
      async rejected(response) {
        if (response.status !== 200) return false
        const url = new URL(((await response.clone().json()) as { connectUrl: string }).connectUrl)
        const call = lastCall(h, '/auth/connect-token')
        const { connectionId } = stateParts(url.searchParams.get('state') ?? '')
        return (
          `${url.origin}${url.pathname}` === h.mock.connectUrl &&
          url.searchParams.get('redirect_uri') === h.redirectUri &&
          [...url.searchParams.keys()].sort().join() === 'connect_token,redirect_uri,state' &&
          /^[\w-]{22}$/.test(connectionId) &&
          JSON.stringify(call?.body) === JSON.stringify({ user_id: connectionId }) &&
          call?.headers['pelm-client-id'] === h.secrets.clientId &&
          call?.headers['pelm-secret'] === h.secrets.clientSecret &&
          call.headers.authorization === undefined
        )
      },
    }))
    const failures = await tryAttack(
      h,
      'user_id/redirect_uri/connect_url smuggled (connect-token)',
      attempts,
    )
    expect(failures).toEqual([])
  })

  it('ignores them on POST /exchange: the token is stored for the session user only', async () => {
    const h = createHarness()
    const attempts: Attempt[] = places.map((place) => {
      let connectionId = ''
      return {
        label: `in the ${place}`,
        async send() {
          const flow = await h.flow('alice')
          connectionId = stateParts(flow.state).connectionId
          const { path, body, headers } = inputs(place, { code: flow.code, state: flow.state })
          return h.request('POST', `/exchange${path}`, {
            user: 'alice',
            cookie: flow.cookie,
            body,
            headers,
          })
        },
        async rejected(response) {
          const call = lastCall(h, '/auth/token')
          const record = await h.store.get('alice', connectionId)
          return (
            response.status === 200 &&
            Object.keys(call?.body ?? {})
              .sort()
              .join() === 'code,grant_type' &&
            call?.headers['pelm-secret'] === h.secrets.clientSecret &&
            record?.pelmUserId === connectionId &&
            h.mock.store.findByAccessToken(record.accessToken)?.userId === connectionId &&
            !h.store.users().some((user) => user !== 'alice')
          )
        },
      }
    })
    const failures = await tryAttack(h, 'user_id/redirect_uri smuggled (exchange)', attempts)
    expect(failures).toEqual([])
    expect(h.store.users()).toEqual(['alice'])
  })

  it('ignores them on GET and DELETE /connections: only the session user’s connections are touched', async () => {
    const h = createHarness()
    // The smuggled id names a user who is connected; the session is bob's, who is not.
    const mallory = await h.connection('mallory')
    const attempts: Attempt[] = places.flatMap((place) => {
      const { path, body, headers } = inputs(place, {})
      return [
        {
          label: `GET, in the ${place}`,
          send: () => h.request('GET', `/connections${path}`, { user: 'bob', headers }),
          rejected: async (response: Response) =>
            response.status === 200 &&
            JSON.stringify(await response.clone().json()) === '{"connections":[]}',
        },
        {
          label: `DELETE mallory’s connection, in the ${place}`,
          send: () =>
            h.request('DELETE', `/connections/${mallory.id}${path}`, {
              user: 'bob',
              headers,
              body: place === 'body' || place === 'all' ? body : undefined,
            }),
          code: 'connection_not_found',
          noUpstream: true,
        },
      ]
    })
    const failures = await tryAttack(h, 'user_id smuggled (connections)', attempts)
    expect(failures).toEqual([])
    expect(await h.store.get('mallory', mallory.id)).toBeDefined()
  })
})
