import { parseEnv } from 'node:util'
import { describe, expect, it } from 'vitest'
import { banner, envLines, usage } from './cli-text'
import { createPelmMock } from './create-pelm-mock'

const sandbox = createPelmMock({ baseUrl: 'http://127.0.0.1:4010', clientId: 'id', secret: 's' })

describe('the CLI text', () => {
  it('gives the .env lines with the names the demo reads', () => {
    expect(envLines(sandbox)).toBe(
      [
        'PELM_API_URL=http://127.0.0.1:4010',
        'PELM_CONNECT_URL=http://127.0.0.1:4010/connect',
        'PELM_CLIENT_ID=id',
        'PELM_SECRET=s',
      ].join('\n'),
    )
  })

  it.each([
    'abc#def', // unquoted, # starts a comment: the server read "abc"
    'a b',
    '"starts-with-a-quote', // an unterminated quote: the variable was missing
    "it's",
    'x$HOME',
    'back\\nslash',
    'quotes\'and"',
  ])('writes %j so that a .env parser reads it back unchanged', (secret) => {
    const mock = createPelmMock({ baseUrl: 'http://[::1]:4010', clientId: `${secret}-id`, secret })
    expect(parseEnv(envLines(mock))).toEqual({
      PELM_API_URL: 'http://[::1]:4010',
      PELM_CONNECT_URL: 'http://[::1]:4010/connect',
      PELM_CLIENT_ID: `${secret}-id`,
      PELM_SECRET: secret,
    })
  })

  it('refuses a value no .env quoting can hold (\', " and ` together), naming it', () => {
    const mock = createPelmMock({ secret: 'a\'b"c`d' })
    expect(() => envLines(mock)).toThrow(/PELM_SECRET/)
  })

  it('puts them in the banner only with --env', () => {
    expect(banner(sandbox, { env: true })).toContain(envLines(sandbox))
    expect(banner(sandbox, { env: false })).not.toContain('PELM_')
  })

  it('names the password-change route in the banner and in --help', () => {
    expect(banner(sandbox, { env: false })).toContain(
      'POST http://127.0.0.1:4010/sandbox/users/USER_ID/password-changed',
    )
    expect(usage).toContain('--env')
    expect(usage).toContain('/sandbox/users/USER_ID/password-changed')
  })
})
