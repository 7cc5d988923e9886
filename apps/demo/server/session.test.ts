import { Hono } from 'hono'
import { describe, expect, it } from 'vitest'
import { demoSession, normalizeName, SESSION_COOKIE } from './session'

const secret = 'a-session-secret-of-at-least-32-chars'

function app() {
  const session = demoSession({ secret, secure: false })
  const app = new Hono()
  app.route('/api/session', session.routes)
  app.get('/whoami', async (c) => c.json({ id: (await session.getUser(c))?.id ?? null }))
  return app
}

const signIn = (name: unknown) =>
  app().request('/api/session', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ name }),
  })

const cookieOf = (response: Response) =>
  (response.headers.get('set-cookie') ?? '').split(';')[0] as string

describe('the demo session', () => {
  it('signs in with a name: a signed, HttpOnly, SameSite=Lax cookie and the user', async () => {
    const response = await signIn('  Ada   Lovelace ')
    expect(response.status).toBe(200)
    expect(await response.json()).toEqual({
      user: { id: 'demo:ada lovelace', name: 'Ada Lovelace' },
    })
    const cookie = response.headers.get('set-cookie')
    expect(cookie).toMatch(new RegExp(`^${SESSION_COOKIE}=Ada%20Lovelace\\.`))
    expect(cookie).toContain('HttpOnly')
    expect(cookie).toContain('SameSite=Lax')
    expect(cookie).toContain('Path=/')
    expect(cookie).not.toContain('Secure')
  })

  it('tells who is signed in, and getUser gives pelmRoutes the user id', async () => {
    const cookie = cookieOf(await signIn('Grace'))
    const session = await app().request('/api/session', { headers: { cookie } })
    expect(await session.json()).toEqual({ user: { id: 'demo:grace', name: 'Grace' } })
    expect(session.headers.get('cache-control')).toBe('no-store')
    const whoami = await app().request('/whoami', { headers: { cookie } })
    expect(await whoami.json()).toEqual({ id: 'demo:grace' })
  })

  it('nobody is signed in without the cookie, or with a forged one', async () => {
    expect(await (await app().request('/api/session')).json()).toEqual({ user: null })
    const forged = cookieOf(await signIn('Grace')).replace('Grace', 'Alan')
    const whoami = await app().request('/whoami', { headers: { cookie: forged } })
    expect(await whoami.json()).toEqual({ id: null })
  })

  it.each([[''], ['   '], ['x'.repeat(41)], ['<script>'], [42], [null]])(
    'refuses the name %j with 400 invalid_name',
    async (name) => {
      const response = await signIn(name)
      expect(response.status).toBe(400)
      expect(await response.json()).toMatchObject({ error: { code: 'invalid_name' } })
      expect(response.headers.get('set-cookie')).toBeNull()
    },
  )

  it('refuses a form post (what a cross-site form can send)', async () => {
    const response = await app().request('/api/session', {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: 'name=Mallory',
    })
    expect(response.status).toBe(400)
    expect(response.headers.get('set-cookie')).toBeNull()
  })

  it('signs out: 204 and the cookie cleared', async () => {
    const cookie = cookieOf(await signIn('Grace'))
    const response = await app().request('/api/session', { method: 'DELETE', headers: { cookie } })
    expect(response.status).toBe(204)
    expect(response.headers.get('set-cookie')).toMatch(
      new RegExp(`^${SESSION_COOKIE}=;.*Max-Age=0`),
    )
  })

  it('marks the cookie Secure when served over https', async () => {
    const session = demoSession({ secret, secure: true })
    const response = await new Hono().route('/', session.routes).request('/', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ name: 'Ada' }),
    })
    expect(response.headers.get('set-cookie')).toContain('Secure')
  })

  it('rejects a short secret when created', () => {
    expect(() => demoSession({ secret: 'short', secure: false })).toThrow('32+ characters')
  })

  it('normalizes names', () => {
    expect(normalizeName(' Ada\tLovelace ')).toBe('Ada Lovelace')
    expect(normalizeName("Zoë O'Brien-Smith")).toBe("Zoë O'Brien-Smith")
    expect(normalizeName('-dash first')).toBeUndefined()
  })
})
