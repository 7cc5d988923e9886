import { resolve } from 'node:path'
import { decodeEncryptionKey } from '@acme/pelm-server'

/** Where the demo talks to Pelm: the in-process sandbox, or the live service. */
export type PelmTarget =
  | { mode: 'sandbox'; dataDelayMs: number }
  | { mode: 'live'; clientId: string; secret: string; apiUrl?: string; connectUrl?: string }

/** Everything the demo server reads from its environment, checked. */
export interface DemoConfig {
  port: number
  host: string
  /** The origin browsers use, e.g. `https://demo.example.com`; default `http://localhost:<port>`. */
  publicUrl?: string
  dataDir: string
  /** The built React app (`dist/client`); the dev server serves it through Vite instead. */
  clientDir?: string
  /** Signs the demo session cookie; generated and kept under `dataDir` when absent. */
  sessionSecret?: string
  /** Signs Pelm's state cookie; generated and kept under `dataDir` when absent. */
  cookieSecret?: string
  /** Encrypts stored access tokens; generated and kept under `dataDir` when absent. */
  tokenEncryptionKey?: string
  /** Keeps tokens in Redis instead of files. */
  redisUrl?: string
  pelm: PelmTarget
}

/** A variable is missing or malformed; the message says which and how to fix it. */
export class ConfigError extends Error {
  override readonly name = 'ConfigError'
}

type Env = Record<string, string | undefined>

const value = (env: Env, name: string) => {
  const raw = env[name]?.trim()
  return raw ? raw : undefined
}

function httpUrl(env: Env, name: string, { origin = false } = {}): string | undefined {
  const raw = value(env, name)
  if (raw === undefined) return undefined
  // `localhost:3000` parses as a URL of scheme `localhost:`: say what was typed, and the likely fix
  const got = /^[a-z][a-z\d+.-]*:\/\//i.test(raw)
    ? JSON.stringify(raw)
    : `${JSON.stringify(raw)}; did you mean ${/^(localhost|127\.|\[::1\])/i.test(raw) ? 'http' : 'https'}://${raw}?`
  let url: URL
  try {
    url = new URL(raw)
  } catch {
    throw new ConfigError(`${name} must be an absolute http(s) URL (got ${got}).`)
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new ConfigError(`${name} must start with http:// or https:// (got ${got}).`)
  }
  if (origin && (url.pathname !== '/' || url.search || url.hash || url.username || url.password)) {
    // the typed value, without a password it may hold
    const shown = url.password ? raw.replace(`:${url.password}@`, ':…@') : raw
    throw new ConfigError(
      `${name} must be an origin without a path, query, fragment or user name, e.g. https://demo.example.com (got ${shown}).`,
    )
  }
  return origin ? url.origin : raw.replace(/\/+$/, '')
}

function integer(env: Env, name: string, fallback: number, max: number): number {
  const raw = value(env, name)
  if (raw === undefined) return fallback
  const parsed = Number(raw)
  if (!/^\d+$/.test(raw) || parsed > max) {
    throw new ConfigError(`${name} must be a whole number from 0 to ${max} (got ${raw}).`)
  }
  return parsed
}

function secret(env: Env, name: string): string | undefined {
  const raw = value(env, name)
  if (raw !== undefined && raw.length < 32) {
    throw new ConfigError(
      `${name} must be at least 32 characters (got ${raw.length}); generate one with \`openssl rand -base64 32\`, or unset it to have one generated.`,
    )
  }
  return raw
}

/** Checked with the decoder the connection store itself uses, so a key passes both or neither. */
function encryptionKey(env: Env): string | undefined {
  const raw = value(env, 'TOKEN_ENCRYPTION_KEY')
  if (raw === undefined) return undefined
  try {
    decodeEncryptionKey(raw)
  } catch (error) {
    throw new ConfigError(
      `TOKEN_ENCRYPTION_KEY: ${error instanceof Error ? error.message : String(error)} Or unset it to have one generated.`,
    )
  }
  return raw
}

function pelmTarget(env: Env): PelmTarget {
  const clientId = value(env, 'PELM_CLIENT_ID')
  const pelmSecret = value(env, 'PELM_SECRET')
  const apiUrl = httpUrl(env, 'PELM_API_URL')
  const connectUrl = httpUrl(env, 'PELM_CONNECT_URL')
  if (clientId && pelmSecret)
    return { mode: 'live', clientId, secret: pelmSecret, apiUrl, connectUrl }
  if (clientId || pelmSecret) {
    const missing = clientId ? 'PELM_SECRET' : 'PELM_CLIENT_ID'
    throw new ConfigError(
      `${missing} is not set: set both PELM_CLIENT_ID and PELM_SECRET to use live Pelm, or neither to use the offline sandbox.`,
    )
  }
  if (apiUrl || connectUrl) {
    throw new ConfigError(
      `${apiUrl ? 'PELM_API_URL' : 'PELM_CONNECT_URL'} is set but PELM_CLIENT_ID and PELM_SECRET are not: the offline sandbox ignores it. Set the credentials too, or unset it.`,
    )
  }
  return { mode: 'sandbox', dataDelayMs: integer(env, 'SANDBOX_DATA_DELAY_MS', 1500, 600_000) }
}

/**
 * Reads the demo's configuration from environment variables (see `.env.example`). Throws a
 * {@link ConfigError} naming the variable when one is malformed. Reads no files.
 *
 * @example
 * ```ts
 * const config = readConfig(process.env, { dataDir: 'apps/demo/.data' })
 * ```
 */
export function readConfig(
  env: Env,
  defaults: { dataDir: string; clientDir?: string },
): DemoConfig {
  const redisUrl = value(env, 'REDIS_URL')
  if (redisUrl !== undefined && !/^rediss?:\/\//.test(redisUrl)) {
    throw new ConfigError(
      'REDIS_URL must start with redis:// or rediss://, e.g. redis://127.0.0.1:6379.',
    )
  }
  const dataDir = value(env, 'DATA_DIR')
  return {
    port: integer(env, 'PORT', 3000, 65_535),
    host: value(env, 'HOST') ?? '127.0.0.1',
    publicUrl: httpUrl(env, 'PUBLIC_URL', { origin: true }),
    dataDir: dataDir ? resolve(dataDir) : defaults.dataDir,
    clientDir: defaults.clientDir,
    sessionSecret: secret(env, 'SESSION_SECRET'),
    cookieSecret: secret(env, 'PELM_COOKIE_SECRET'),
    tokenEncryptionKey: encryptionKey(env),
    redisUrl,
    pelm: pelmTarget(env),
  }
}
