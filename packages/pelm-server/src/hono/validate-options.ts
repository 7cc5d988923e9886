import { httpUrl, positiveNumber, requiredString } from '../client/options'

/** Throws `TypeError("<factory>: <message>")` unless `condition` holds. */
export function check(condition: boolean, owner: string, message: string): asserts condition {
  if (!condition) throw new TypeError(`${owner}: ${message}`)
}

const isFunction = (value: unknown) => typeof value === 'function'
const COOKIE_NAME = /^[!#$%&'*+\-.^_`|~0-9A-Za-z]+$/

export const checks = {
  pelm(o: Record<string, unknown>, owner: string) {
    requiredString(
      o.clientId,
      'clientId',
      owner,
      ' It is your Pelm-Client-Id (e.g. process.env.PELM_CLIENT_ID).',
    )
    requiredString(
      o.secret,
      'secret',
      owner,
      ' It is your Pelm-Secret (e.g. process.env.PELM_SECRET).',
    )
    if (o.timeoutMs !== undefined) positiveNumber(o.timeoutMs, 'timeoutMs', owner)
    if (o.apiUrl !== undefined) httpUrl(o.apiUrl, 'apiUrl', owner)
  },

  cookieSecret(value: unknown, owner: string) {
    const got = typeof value === 'string' ? `${value.length} characters` : typeof value
    check(
      typeof value === 'string' && value.length >= 32,
      owner,
      `cookieSecret must be a string of at least 32 characters (got ${got}). Generate one with \`openssl rand -base64 32\`.`,
    )
  },

  getUserId(value: unknown, owner: string) {
    check(
      isFunction(value),
      owner,
      'getUserId(c) is required: return the signed-in user id from your session.',
    )
  },

  tokenStore(value: unknown, owner: string) {
    const store = value as Record<string, unknown> | undefined
    check(
      ['get', 'set', 'delete'].every((method) => isFunction(store?.[method])),
      owner,
      'tokenStore is required: a TokenStore with get, set and delete (e.g. memoryTokenStore()).',
    )
  },

  redirectUri(value: unknown, owner: string): string {
    httpUrl(value, 'redirectUri', owner)
    check(!(value as string).includes('#'), owner, 'redirectUri must not contain a fragment (#).')
    return value as string
  },

  optionalFunction(value: unknown, name: string, owner: string) {
    check(value === undefined || isFunction(value), owner, `${name} must be a function.`)
  },

  cookie(o: Record<string, unknown>, owner: string) {
    const name = o.cookieName ?? 'pelm_state'
    check(
      typeof name === 'string' && COOKIE_NAME.test(name),
      owner,
      `cookieName ${JSON.stringify(name)} is not a valid cookie name.`,
    )
    const path = o.cookiePath
    check(
      path === undefined || (typeof path === 'string' && path.startsWith('/')),
      owner,
      'cookiePath must start with "/".',
    )
    check(
      o.secureCookie === undefined || typeof o.secureCookie === 'boolean',
      owner,
      'secureCookie must be a boolean.',
    )
    // Browsers drop prefixed cookies set without these attributes: refuse at start-up, not per
    // request. Secure is on when asked for, or by default with an https redirectUri.
    const secure =
      o.secureCookie ?? (typeof o.redirectUri === 'string' && o.redirectUri.startsWith('https:'))
    check(
      !(name as string).startsWith('__Secure-') || secure === true,
      owner,
      'a cookieName starting with "__Secure-" needs Secure: secureCookie: true or an https redirectUri.',
    )
    check(
      !(name as string).startsWith('__Host-') || (secure === true && path === '/'),
      owner,
      'a cookieName starting with "__Host-" needs cookiePath: "/" and Secure (secureCookie: true or an https redirectUri).',
    )
    return { name, path: path as string | undefined, secure: o.secureCookie as boolean | undefined }
  },

  maxBodyBytes(value: unknown, owner: string): number {
    const bytes = value ?? 16 * 1024
    check(
      Number.isInteger(bytes) && (bytes as number) > 0,
      owner,
      `maxBodyBytes must be a positive integer (got ${String(bytes)}).`,
    )
    return bytes as number
  },

  allowedOrigins(value: unknown, owner: string): readonly string[] {
    if (value === undefined) return []
    check(Array.isArray(value), owner, 'allowedOrigins must be an array of origins.')
    for (const origin of value) {
      let parsed: string | undefined
      try {
        parsed = new URL(origin).origin
      } catch {}
      check(
        parsed === origin,
        owner,
        `allowedOrigins entries must be origins like "https://app.example.com" (got ${JSON.stringify(origin)}).`,
      )
    }
    return value
  },

  replayStore(value: unknown, owner: string) {
    check(
      value === undefined || isFunction((value as { claim?: unknown })?.claim),
      owner,
      'replayStore must have claim(key, ttlMs).',
    )
  },
}
