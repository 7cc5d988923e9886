import { afterEach, describe, expect, it, vi } from 'vitest'
import { TEST_START, testSandbox, utility } from '../../test/api-sandbox'
import { sandboxDriver } from '../../test/sandbox-driver'
import { createPelmMock } from '../create-pelm-mock'
import { type PelmMockState, PelmMockStateError } from './state'

afterEach(() => {
  vi.restoreAllMocks()
})

/** A sandbox with two Users, one of them reconnected and one with invalid credentials. */
async function usedSandbox() {
  const sandbox = testSandbox()
  const first = await sandbox.connect('conn-1', 'pge')
  const second = await sandbox.connect('conn-1', 'pge')
  const gas = await sandbox.connect('conn-2', 'sce')
  sandbox.mock.invalidateCredentials('conn-2')
  return { ...sandbox, tokens: [first, second, gas] }
}

/** What `run` throws. */
function errorOf(run: () => unknown): Error {
  try {
    run()
  } catch (error) {
    if (error instanceof Error) return error
  }
  throw new Error('expected a throw')
}

describe('exportState', () => {
  it('gives the Users and their access tokens as versioned JSON', async () => {
    const { mock, tokens } = await usedSandbox()
    const state = mock.exportState()
    expect(JSON.parse(JSON.stringify(state))).toEqual(state)
    expect(state).toEqual({
      version: 1,
      users: [
        {
          id: 'conn-1',
          utility: 'pge',
          utilityUsername: 'user@pelm.com',
          credentialsValid: true,
          connectedAt: TEST_START,
          accessTokens: [tokens[0], tokens[1]],
        },
        {
          id: 'conn-2',
          utility: 'sce',
          utilityUsername: 'user@pelm.com',
          credentialsValid: false,
          connectedAt: TEST_START,
          accessTokens: [tokens[2]],
        },
      ],
    })
  })

  it('leaves out connect tokens and codes', async () => {
    const { mock } = testSandbox()
    mock.store.createConnectToken('user-1')
    mock.store.issueCode('user-1', utility('pge'))
    expect(mock.exportState()).toEqual({ version: 1, users: [] })
  })
})

describe('createPelmMock({ state })', () => {
  it('accepts the old access tokens and answers the same Users and data', async () => {
    const { mock, get, tokens } = await usedSandbox()
    const saved = JSON.parse(JSON.stringify(mock.exportState()))
    const accounts = await (await get('/accounts', tokens[0])).json()

    const restarted = testSandbox({ state: saved })
    expect(await (await restarted.get('/accounts', tokens[0])).json()).toEqual(accounts)
    expect((await restarted.get('/accounts', tokens[1])).status).toBe(200)
    expect(await (await restarted.get('/users/conn-2', tokens[2])).json()).toMatchObject({
      credentials_valid: false,
    })
    expect(restarted.mock.exportState()).toEqual(saved)
  })

  it('keeps update mode for known Users, and create mode for others', async () => {
    const { mock } = await usedSandbox()
    const restarted = createPelmMock({ state: mock.exportState() })
    const connect = sandboxDriver(restarted)
    expect((await connect.start({ userId: 'conn-1' })).screen).toBe('utility')
    expect((await connect.start({ userId: 'someone-new' })).screen).toBe('terms')
  })

  it.each<[string, unknown, RegExp]>([
    [
      'not an object',
      'users',
      /^state must be an object, got a string of 5 characters \(parse the JSON first, or read the file with openStateFile\)\.$/,
    ],
    ['an array', [], /^state must be an object, got an array\.$/],
    [
      'a field too long to quote',
      { version: 1, users: [{ id: 'u', utility: `pge${'x'.repeat(60)}` }] },
      /^state\.users\[0\]\.utility must be .*, got a string of 63 characters\.$/,
    ],
    ['another version', { version: 2, users: [] }, /^state\.version must be 1, got 2\.$/],
    ['no users', { version: 1 }, /^state\.users must be an array, got undefined\.$/],
    [
      'an unknown utility',
      { version: 1, users: [{ id: 'u', utility: 'nope' }] },
      /^state\.users\[0\]\.utility must be the slug of a sandbox utility \(pge, sce, .*\), got "nope"\.$/,
    ],
    [
      'a missing field',
      {
        version: 1,
        users: [
          { id: 'u', utility: 'pge', credentialsValid: true, connectedAt: 1, accessTokens: [] },
        ],
      },
      /^state\.users\[0\]\.utilityUsername must be a non-empty string/,
    ],
    [
      'an access token listed twice',
      {
        version: 1,
        users: ['a', 'b'].map((id) => ({
          id,
          utility: 'pge',
          utilityUsername: 'user@pelm.com',
          credentialsValid: true,
          connectedAt: 1,
          accessTokens: ['same'],
        })),
      },
      /^state\.users\[1\]\.accessTokens\[0\] must be an access token listed once, got the one of state\.users\[0\]\.accessTokens\[0\]\.$/,
    ],
  ])('refuses %s with a PelmMockStateError naming the field', (_case, state, message) => {
    expect(() => createPelmMock({ state })).toThrow(PelmMockStateError)
    expect(() => createPelmMock({ state })).toThrow(message)
  })

  it('describes a state given as its JSON text by its length, never quoting it (tokens inside)', () => {
    const token = 'e7a3c0de5b1f4a8e9c2d0f6b7a8e9d10'
    const text = `{"version":1,"users":[{"id":"u1","utility":"pge","utilityUsername":"u","credentialsValid":true,"connectedAt":1,"accessTokens":["${token}"]}]}`
    const error = errorOf(() => createPelmMock({ state: text }))
    expect(error).toBeInstanceOf(PelmMockStateError)
    expect(error.message).toBe(
      `state must be an object, got a string of ${text.length} characters (parse the JSON first, or read the file with openStateFile).`,
    )
    expect(error.message).not.toContain(token)
  })

  it('names where a faulty access token is, never the token (the message may be logged)', () => {
    const token = 'e7a3c0de-5b1f-4a8e-9c2d-0f6b7a8e9d10'
    const user = (id: string, accessTokens: unknown[]) => ({
      id,
      utility: 'pge',
      utilityUsername: 'user@pelm.com',
      credentialsValid: true,
      connectedAt: 1,
      accessTokens,
    })
    const listedTwice = { version: 1, users: [user('a', [token]), user('b', ['other', token])] }
    const tooLong = { version: 1, users: [user('a', [token.repeat(8)])] }
    // a token with a space could never be sent back in `Authorization: Bearer …`: every call 401
    const unsendable = { version: 1, users: [user('a', [`${token} of alice`])] }
    const messages = [listedTwice, tooLong, unsendable].map((state) => {
      try {
        createPelmMock({ state })
      } catch (error) {
        return error instanceof PelmMockStateError ? error.message : String(error)
      }
      return 'accepted'
    })
    expect(messages).toEqual([
      'state.users[1].accessTokens[1] must be an access token listed once, got the one of state.users[0].accessTokens[0].',
      'state.users[0].accessTokens[0] must be a non-empty string of at most 256 characters, got a string of 288 characters.',
      'state.users[0].accessTokens[0] must be a token a Bearer header can carry (letters, digits, -._~+/, then = padding), got a string of 45 characters.',
    ])
    for (const message of messages) expect(message).not.toContain(token)
  })

  it('names the User whose id another one already has', () => {
    const user = (accessTokens: string[]) => ({
      id: 'conn-1',
      utility: 'pge',
      utilityUsername: 'user@pelm.com',
      credentialsValid: true,
      connectedAt: 1,
      accessTokens,
    })
    expect(() =>
      createPelmMock({ state: { version: 1, users: [user(['a']), user(['b'])] } }),
    ).toThrow('state.users[1].id must be an id no other User has, got the id of state.users[0].')
  })
})

describe('onChange', () => {
  it('gets the new state after every change to the Users', async () => {
    const states: PelmMockState[] = []
    const sandbox = testSandbox({ onChange: (state) => void states.push(state) })
    const token = await sandbox.connect('conn-1')
    await sandbox.connect('conn-1')
    sandbox.mock.invalidateCredentials('conn-1')
    await sandbox.del('/users/conn-1', token)
    sandbox.mock.reset()
    expect(states.map((state) => state.users.map((user) => user.accessTokens.length))).toEqual([
      [1],
      [2],
      [2],
      [],
      [],
    ])
    expect(states[2]?.users[0]?.credentialsValid).toBe(false)
  })

  it('is not called for connect tokens, codes or a state given at start', async () => {
    const onChange = vi.fn()
    const { mock } = await usedSandbox()
    const restarted = createPelmMock({ state: mock.exportState(), onChange })
    restarted.store.createConnectToken('user-1')
    restarted.store.issueCode('user-1', utility('pge'))
    expect(onChange).not.toHaveBeenCalled()
  })

  it('fails no request when it throws or rejects; the error is logged', async () => {
    const logged = vi.spyOn(console, 'error').mockImplementation(() => {})
    const throwing = testSandbox({
      onChange: () => {
        throw new Error('disk full')
      },
    })
    await throwing.connect('conn-1')
    const rejecting = testSandbox({ onChange: () => Promise.reject(new Error('disk gone')) })
    await rejecting.connect('conn-1')
    await vi.waitFor(() => expect(logged).toHaveBeenCalledTimes(2))
    expect(logged.mock.calls.map((call) => String(call[1]))).toEqual([
      'Error: disk full',
      'Error: disk gone',
    ])
  })
})
