import { DEFAULT_RATE_LIMITS, type RateLimit } from '@acme/pelm-server'

const UNITS: Record<string, number> = { ms: 1, s: 1_000, m: 60_000, h: 3_600_000 }

/** `30/10m` (30 per 10 minutes; units ms, s, m, h) or `off`; unset: `fallback`. */
function rateLimit(
  name: string,
  value: string | undefined,
  fallback: RateLimit,
): RateLimit | false {
  if (!value) return fallback
  if (value === 'off') return false
  const [, limit, window, unit = ''] = /^([1-9]\d*)\/([1-9]\d*)(ms|s|m|h)$/.exec(value) ?? []
  const unitMs = UNITS[unit]
  if (!limit || !window || !unitMs) {
    throw new Error(`${name} must look like 30/10m (30 per 10 minutes) or off, not ${value}.`)
  }
  return { limit: Number(limit), windowMs: Number(window) * unitMs }
}

/** Settings from the environment. Unset Pelm settings point at the local sandbox (`npm run sandbox`). */
export function readConfig(env: NodeJS.ProcessEnv) {
  const required = (name: string) => {
    const value = env[name]
    if (!value) throw new Error(`Set ${name} (see examples/node-postgres/README.md).`)
    return value
  }
  const apiUrl = env.PELM_API_URL ?? 'http://127.0.0.1:4010'
  return {
    clientId: env.PELM_CLIENT_ID ?? 'sandbox_client_id',
    secret: env.PELM_SECRET ?? 'sandbox_secret',
    apiUrl,
    connectUrl: env.PELM_CONNECT_URL ?? `${apiUrl}/connect`,
    redirectUri: env.REDIRECT_URI ?? 'http://localhost:5173/pelm/callback',
    cookieSecret: required('COOKIE_SECRET'),
    databaseUrl: required('DATABASE_URL'),
    tokenKey: required('TOKEN_KEY'),
    redisUrl: env.REDIS_URL,
    rateLimits: {
      connectToken: rateLimit(
        'RATE_LIMIT_CONNECT_TOKEN',
        env.RATE_LIMIT_CONNECT_TOKEN,
        DEFAULT_RATE_LIMITS.connectToken,
      ),
      exchange: rateLimit(
        'RATE_LIMIT_EXCHANGE',
        env.RATE_LIMIT_EXCHANGE,
        DEFAULT_RATE_LIMITS.exchange,
      ),
    },
    hostname: env.HOST ?? '127.0.0.1',
    port: Number(env.PORT ?? 3000),
  }
}
