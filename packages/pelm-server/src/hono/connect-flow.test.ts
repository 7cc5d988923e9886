import { describe, expect, it } from 'vitest'
import { harness, REDIRECT_URI } from './test-support'

/** Submits a form of the sandbox's hosted Connect pages, as a browser without JavaScript would. */
async function submit(fetch: typeof globalThis.fetch, url: string, fields: Record<string, string>) {
  return fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams(fields),
  })
}

describe('the whole flow through the sandbox’s hosted Connect pages', () => {
  it('goes from connect-token to a stored connection, the state echoed back by Connect', async () => {
    const h = harness()
    const { state, cookie, connectUrl } = await h.start('alice', { utilitySlug: 'pge' })
    const fetch = h.mock.fetch as typeof globalThis.fetch

    const entry = await fetch(connectUrl.toString())
    expect(entry.status).toBe(200)
    const session = (await entry.text()).match(/action="([^"]*\/flow\/[^/"]+)\/terms"/)?.[1]
    expect(session).toBeDefined()
    const base = h.mock.apiUrl
    expect((await submit(fetch, `${base}${session}/terms`, {})).status).toBe(303)
    const handBack = await submit(fetch, `${base}${session}/credentials`, {
      username: 'user@pelm.com',
      password: 'password',
    })
    expect(handBack.status).toBe(302)
    const callback = new URL(handBack.headers.get('location') ?? '')
    expect(`${callback.origin}${callback.pathname}`).toBe(REDIRECT_URI)
    expect(callback.searchParams.get('state')).toBe(state)

    const code = callback.searchParams.get('code')
    const exchanged = await h.exchange(
      'alice',
      { code, state: callback.searchParams.get('state') },
      cookie,
    )
    expect(exchanged.status).toBe(200)
    const record = await h.tokenStore.get('alice')
    expect(record?.utility).toEqual({ slug: 'pge' })
    expect(h.mock.store.findByAccessToken(record?.accessToken ?? '')?.utility.slug).toBe('pge')
  })
})
