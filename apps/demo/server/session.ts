import { type Context, Hono } from 'hono'
import { deleteCookie, getSignedCookie, setSignedCookie } from 'hono/cookie'
import { validator } from 'hono/validator'
import type { DemoUser } from '../shared/types'
import { jsonError } from './json-error'

export interface SessionOptions {
  /** Signs the session cookie (HMAC-SHA-256), at least 32 characters. */
  secret: string
  /** Sets the cookie's `Secure` flag; on when the demo is served over https. */
  secure: boolean
}

export const SESSION_COOKIE = 'demo_session'
const NAME = /^[\p{L}\p{N}][\p{L}\p{N} .'-]{0,39}$/u

/** Cleans up a typed name; `undefined` when it is not one the demo accepts. */
export function normalizeName(input: unknown): string | undefined {
  if (typeof input !== 'string') return undefined
  const name = input.normalize('NFKC').trim().replace(/\s+/g, ' ')
  return NAME.test(name) ? name : undefined
}

/** Stable per name, so signing in again as the same name finds the same connection. */
export const userFor = (name: string): DemoUser => ({ id: `demo:${name.toLowerCase()}`, name })

/**
 * The demo's stand-in for real authentication: `POST /` signs in with a name, `GET /` tells who is
 * signed in, `DELETE /` signs out. Mount it at `/api/session`; `getUser(c)` feeds `getUserId`.
 *
 * @example
 * ```ts
 * const session = demoSession({ secret, secure: false })
 * app.route('/api/session', session.routes)
 * pelmRoutes({ …, getUserId: async (c) => (await session.getUser(c))?.id })
 * ```
 */
export function demoSession(options: SessionOptions) {
  if (options.secret.length < 32) throw new TypeError('demoSession: secret must be 32+ characters')
  const cookie = {
    path: '/',
    httpOnly: true,
    sameSite: 'Lax',
    secure: options.secure,
    maxAge: 7 * 24 * 3600,
  } as const

  const getUser = async (c: Context): Promise<DemoUser | undefined> => {
    const value = await getSignedCookie(c, options.secret, SESSION_COOKIE)
    const name = value ? normalizeName(value) : undefined
    return name ? userFor(name) : undefined
  }

  const routes = new Hono()
    .get('/', async (c) => {
      c.header('Cache-Control', 'no-store')
      return c.json({ user: (await getUser(c)) ?? null })
    })
    .post(
      '/',
      validator('json', (body, c) => {
        const name = normalizeName((body as { name?: unknown } | null)?.name)
        if (name) return { name }
        return jsonError(
          c,
          400,
          'invalid_name',
          'Type a name of 1 to 40 letters, digits, spaces, dots, dashes or apostrophes.',
        )
      }),
      async (c) => {
        const { name } = c.req.valid('json')
        await setSignedCookie(c, SESSION_COOKIE, name, options.secret, cookie)
        return c.json({ user: userFor(name) })
      },
    )
    .delete('/', (c) => {
      deleteCookie(c, SESSION_COOKIE, cookie)
      return c.body(null, 204)
    })

  return { routes, getUser }
}
