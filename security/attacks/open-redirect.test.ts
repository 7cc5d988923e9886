import { completeConnect } from '@acme/pelm-mock/testing'
import { afterEach, describe, expect, it } from 'vitest'
import { createHarness, type Harness } from '../harness/app'
import { type Attempt, tryAttack } from '../harness/attack'
import { listen } from '../harness/server'
import { record } from '../harness/tally'

// RFC 9700 §4.1 and §4.11 (open redirectors): the routes never redirect, and the Connect URL they
// answer sends users to the configured Connect host and back to the configured redirect_uri only,
// whatever the request says in any parameter.

const targets = [
  'https://evil.example/cb',
  '//evil.example/cb',
  '/\\evil.example/cb',
  'javascript:alert(1)',
  'https://app.localhost@evil.example/pelm/callback',
  'http://app.localhost.evil.example/pelm/callback',
  'https:evil.example',
  '/pelm/callback/../../evil',
]
const names = [
  'redirect_uri',
  'redirectUri',
  'redirect',
  'returnTo',
  'return_to',
  'next',
  'url',
  'continue',
  'callback',
  'connect_url',
  'connectUrl',
]
const hostHeaders = [
  'x-forwarded-host',
  'x-forwarded-proto',
  'x-forwarded-prefix',
  'x-original-url',
  'x-rewrite-url',
  'x-host',
  'forwarded',
  'referer',
]
const routes: [string, string][] = [
  ['POST', '/connect-token'],
  ['POST', '/exchange'],
  ['GET', '/connections'],
  ['DELETE', '/connections/x'],
  ['GET', '/callback'],
  ['GET', '/connect'],
]

/** No redirect; and a Connect URL, when there is one, made of configuration only. */
async function notRedirected(h: Harness, response: Response): Promise<boolean> {
  if (response.status >= 300 && response.status < 400) return false
  if (response.headers.has('location') || response.headers.has('refresh')) return false
  if (response.status >= 500) return false
  const text = await response.clone().text()
  // The targets' own spellings, not bare "evil": random base64url (a state) may hold those letters.
  if (/evil\.example|javascript:|\/evil\b/i.test(text)) return false
  if (!text.includes('connectUrl')) return true
  const url = new URL((JSON.parse(text) as { connectUrl: string }).connectUrl)
  return (
    `${url.origin}${url.pathname}` === h.mock.connectUrl &&
    url.searchParams.getAll('redirect_uri').join() === h.redirectUri &&
    [...url.searchParams.keys()].sort().join() === 'connect_token,redirect_uri,state'
  )
}

describe('open redirects', () => {
  it('never redirects, nor lets a body, query or header choose where Connect sends users', async () => {
    const h = createHarness()
    const attempts: Attempt[] = []
    const verdict = (response: Response) => notRedirected(h, response)
    for (const [method, path] of routes) {
      const withBody = method === 'POST'
      for (const target of targets) {
        const fields = Object.fromEntries(names.map((name) => [name, target]))
        const query = `?${new URLSearchParams(fields)}`
        attempts.push({
          label: `${method} ${path}, every name in the query → ${target}`,
          send: () =>
            h.request(method, `${path}${query}`, {
              user: 'alice',
              body: withBody ? {} : undefined,
            }),
          rejected: verdict,
        })
        if (withBody) {
          for (const name of names) {
            attempts.push({
              label: `${method} ${path}, body ${name} → ${target}`,
              send: () =>
                h.request(method, path, { user: 'alice', body: { [name]: target, code: 'c' } }),
              rejected: verdict,
            })
          }
        }
        for (const header of hostHeaders) {
          attempts.push({
            label: `${method} ${path}, header ${header} → ${target}`,
            send: () =>
              h.request(method, path, {
                user: 'alice',
                body: withBody ? {} : undefined,
                headers: { [header]: header === 'forwarded' ? `host="${target}"` : target },
              }),
            rejected: verdict,
          })
        }
      }
    }
    const failures = await tryAttack(h, 'open redirect (body, query, headers)', attempts)
    expect(failures).toEqual([])
  })

  it('sends users back to the configured redirect_uri through the hosted Connect pages', async () => {
    const h = createHarness()
    const query = `?${new URLSearchParams(Object.fromEntries(names.map((n) => [n, targets[0] ?? ''])))}`
    const response = await h.request('POST', `/connect-token${query}`, {
      user: 'alice',
      body: { redirect_uri: targets[0] },
      headers: { 'x-forwarded-host': 'evil.example', referer: targets[0] ?? '' },
    })
    const { connectUrl } = (await response.json()) as { connectUrl: string }
    // The sandbox's hosted pages, walked as a browser would, to the hand-back.
    const location = await completeConnect(connectUrl, { fetch: h.mock.fetch })
    const home =
      `${location.origin}${location.pathname}` === h.redirectUri &&
      [...location.searchParams.keys()].sort().join() === 'code,state'
    record({
      category: 'attack',
      name: 'open redirect through the Connect round trip',
      tried: 1,
      rejected: home ? 1 : 0,
    })
    expect(home).toBe(true)
  })

  describe('over real HTTP', () => {
    let close: (() => Promise<void>) | undefined
    afterEach(() => close?.())

    it('ignores a forged Host and X-Forwarded-Host', async () => {
      const h = createHarness()
      const server = await listen(h)
      close = server.close
      let kept = 0
      const hosts = ['evil.example', 'app.localhost.evil.example', 'evil.example:443']
      for (const host of hosts) {
        const answer = await server.raw(
          'POST',
          '/api/pelm/connect-token',
          {
            host,
            origin: `http://${host}`,
            'x-forwarded-host': 'evil.example',
            cookie: 'session=alice',
            'content-type': 'application/json',
          },
          ['{}'],
        )
        const url = answer.status === 200 ? new URL(JSON.parse(answer.body).connectUrl) : undefined
        if (
          url &&
          `${url.origin}${url.pathname}` === h.mock.connectUrl &&
          url.searchParams.get('redirect_uri') === h.redirectUri &&
          !answer.headers.location
        ) {
          kept += 1
        }
      }
      record({
        category: 'attack',
        name: 'open redirect through Host (HTTP)',
        tried: hosts.length,
        rejected: kept,
      })
      expect(kept).toBe(hosts.length)
    })
  })
})
