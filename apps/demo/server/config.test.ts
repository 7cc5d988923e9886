import { describe, expect, it } from 'vitest'
import { ConfigError, readConfig } from './config'

const defaults = { dataDir: '/srv/demo/.data', clientDir: '/srv/demo/dist/client' }
const read = (env: Record<string, string>) => readConfig(env, defaults)
const KEY = Buffer.alloc(32, 7).toString('base64')

describe('readConfig', () => {
  it('runs on the sandbox with defaults when nothing is set', () => {
    expect(read({})).toEqual({
      port: 3000,
      host: '127.0.0.1',
      publicUrl: undefined,
      dataDir: defaults.dataDir,
      clientDir: defaults.clientDir,
      sessionSecret: undefined,
      cookieSecret: undefined,
      tokenEncryptionKey: undefined,
      redisUrl: undefined,
      pelm: { mode: 'sandbox', dataDelayMs: 1500 },
    })
  })

  it('switches to live Pelm when both credentials are set, hosts overridable', () => {
    const config = read({
      PELM_CLIENT_ID: 'client',
      PELM_SECRET: 'secret',
      PELM_API_URL: 'https://api.example.com/',
      PELM_CONNECT_URL: 'https://connect.example.com',
    })
    expect(config.pelm).toEqual({
      mode: 'live',
      clientId: 'client',
      secret: 'secret',
      apiUrl: 'https://api.example.com',
      connectUrl: 'https://connect.example.com',
    })
  })

  it('reads the port, public URL, secrets, key, Redis and data directory', () => {
    const config = read({
      PORT: '0',
      HOST: '0.0.0.0',
      PUBLIC_URL: 'https://demo.example.com/',
      SESSION_SECRET: 's'.repeat(32),
      PELM_COOKIE_SECRET: 'c'.repeat(40),
      TOKEN_ENCRYPTION_KEY: KEY,
      REDIS_URL: 'redis://127.0.0.1:6379',
      DATA_DIR: '/tmp/somewhere',
      SANDBOX_DATA_DELAY_MS: '0',
    })
    expect(config).toMatchObject({
      port: 0,
      host: '0.0.0.0',
      publicUrl: 'https://demo.example.com',
      sessionSecret: 's'.repeat(32),
      cookieSecret: 'c'.repeat(40),
      tokenEncryptionKey: KEY,
      redisUrl: 'redis://127.0.0.1:6379',
      dataDir: '/tmp/somewhere',
      pelm: { mode: 'sandbox', dataDelayMs: 0 },
    })
  })

  it.each([
    [
      { PELM_CLIENT_ID: 'client' },
      'PELM_SECRET is not set: set both PELM_CLIENT_ID and PELM_SECRET',
    ],
    [{ PELM_SECRET: 'secret' }, 'PELM_CLIENT_ID is not set'],
    [
      { PELM_API_URL: 'https://api.pelm.com' },
      'PELM_API_URL is set but PELM_CLIENT_ID and PELM_SECRET are not',
    ],
    [
      { PELM_CLIENT_ID: 'c', PELM_SECRET: 's', PELM_API_URL: 'api.pelm.com' },
      'PELM_API_URL must be an absolute http(s) URL',
    ],
    [{ PORT: 'eighty' }, 'PORT must be a whole number from 0 to 65535 (got eighty)'],
    [{ PORT: '70000' }, 'PORT must be a whole number'],
    [{ PUBLIC_URL: 'https://demo.example.com/app' }, 'PUBLIC_URL must be an origin without a path'],
    [{ PUBLIC_URL: 'ftp://demo.example.com' }, 'PUBLIC_URL must start with http:// or https://'],
    // `new URL('localhost:3000')` parses, with the scheme "localhost:": the message said "got localhost:"
    [
      { PUBLIC_URL: 'localhost:3000' },
      'PUBLIC_URL must start with http:// or https:// (got "localhost:3000"; did you mean http://localhost:3000?)',
    ],
    [
      { PUBLIC_URL: 'demo.example.com' },
      'PUBLIC_URL must be an absolute http(s) URL (got "demo.example.com"; did you mean https://demo.example.com?)',
    ],
    // were dropped without a word: the demo ran on the bare origin
    [{ PUBLIC_URL: 'https://demo.example.com/?x=1' }, 'PUBLIC_URL must be an origin'],
    [{ PUBLIC_URL: 'https://demo.example.com/#top' }, 'PUBLIC_URL must be an origin'],
    [{ PUBLIC_URL: 'https://me:pw@demo.example.com' }, 'PUBLIC_URL must be an origin'],
    [{ SESSION_SECRET: 'short' }, 'SESSION_SECRET must be at least 32 characters (got 5)'],
    [{ PELM_COOKIE_SECRET: 'short' }, 'PELM_COOKIE_SECRET must be at least 32 characters'],
    [
      { TOKEN_ENCRYPTION_KEY: 'c2hvcnQ=' },
      'TOKEN_ENCRYPTION_KEY: an encryption key must be 32 bytes',
    ],
    // issue 18 item 6: both decode with Buffer, and the store's decoder refuses them
    [{ TOKEN_ENCRYPTION_KEY: `${KEY.slice(0, 42)}9=` }, 'TOKEN_ENCRYPTION_KEY: an encryption key'],
    [{ TOKEN_ENCRYPTION_KEY: `${KEY.slice(0, 20)} ${KEY.slice(20)}` }, 'not canonical base64'],
    [{ REDIS_URL: 'localhost:6379' }, 'REDIS_URL must start with redis:// or rediss://'],
    [{ SANDBOX_DATA_DELAY_MS: '-1' }, 'SANDBOX_DATA_DELAY_MS must be a whole number'],
  ])('refuses %o with a message naming the variable', (env, message) => {
    expect(() => read(env)).toThrow(ConfigError)
    expect(() => read(env)).toThrow(message)
  })

  it('treats empty variables as unset', () => {
    expect(read({ PORT: '', PELM_CLIENT_ID: ' ', PELM_SECRET: '' }).pelm.mode).toBe('sandbox')
  })
})
