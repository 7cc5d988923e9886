import { PELM_MOCK_STATE_VERSION, PelmMockStateError } from './state'
import type { PelmUserRecord } from './users'
import { findUtility, sandboxUtilities } from './utilities'

/** The longest id, username or token a saved state may hold, as for the API's form fields. */
const MAX_TEXT_LENGTH = 256

type Fields = Record<string, unknown>

const isFields = (value: unknown): value is Fields =>
  typeof value === 'object' && value !== null && !Array.isArray(value)

/**
 * A wrong value as a message shows it: short strings and other primitives quoted, longer strings by
 * their length only (a whole state file's text, a token in the wrong field: messages end up in logs).
 */
function shown(value: unknown): string {
  if (Array.isArray(value)) return 'an array'
  if (typeof value === 'string' && value.length > 40) {
    return `a string of ${value.length} characters`
  }
  if (value === null || typeof value !== 'object') return JSON.stringify(value) ?? String(value)
  return 'an object'
}

/** The state given as its JSON text, a common slip: say what to do, never quote it. */
const shownStateText = (value: unknown) =>
  typeof value === 'string'
    ? `a string of ${value.length} characters (parse the JSON first, or read the file with openStateFile)`
    : shown(value)

/** A value where an access token belongs, described without its text: messages end up in logs. */
function shownSecret(value: unknown): string {
  return typeof value === 'string' ? `a string of ${value.length} characters` : shown(value)
}

function invalid(path: string, expected: string, value: unknown, show = shown): never {
  throw new PelmMockStateError(`${path} must be ${expected}, got ${show(value)}.`)
}

function fieldsAt(path: string, value: unknown): Fields {
  return isFields(value) ? value : invalid(path, 'an object', value)
}

function textAt(path: string, value: unknown, show = shown): string {
  if (typeof value === 'string' && value !== '' && value.length <= MAX_TEXT_LENGTH) return value
  return invalid(path, `a non-empty string of at most ${MAX_TEXT_LENGTH} characters`, value, show)
}

/** What `Authorization: Bearer …` can carry (RFC 6750 b64token, as `hono/bearer-auth` reads it). */
const BEARER_TOKEN = /^[A-Za-z0-9._~+/-]+=*$/

function accessTokenAt(path: string, value: unknown): string {
  const token = textAt(path, value, shownSecret)
  if (BEARER_TOKEN.test(token)) return token
  return invalid(
    path,
    'a token a Bearer header can carry (letters, digits, -._~+/, then = padding)',
    token,
    shownSecret,
  )
}

function userAt(path: string, value: unknown): PelmUserRecord {
  const fields = fieldsAt(path, value)
  const slug = textAt(`${path}.utility`, fields.utility)
  const utility = findUtility({ slug })
  if (!utility) {
    const known = sandboxUtilities.map((candidate) => candidate.slug).join(', ')
    invalid(`${path}.utility`, `the slug of a sandbox utility (${known})`, slug)
  }
  const { credentialsValid, connectedAt, accessTokens } = fields
  if (typeof credentialsValid !== 'boolean') {
    invalid(`${path}.credentialsValid`, 'true or false', credentialsValid)
  }
  if (typeof connectedAt !== 'number' || !Number.isSafeInteger(connectedAt) || connectedAt < 0) {
    invalid(`${path}.connectedAt`, 'a time in milliseconds since the epoch', connectedAt)
  }
  if (!Array.isArray(accessTokens)) invalid(`${path}.accessTokens`, 'an array', accessTokens)
  return {
    userId: textAt(`${path}.id`, fields.id),
    utility,
    utilityUsername: textAt(`${path}.utilityUsername`, fields.utilityUsername),
    credentialsValid,
    connectedAt,
    accessTokens: accessTokens.map((token, index) =>
      accessTokenAt(`${path}.accessTokens[${index}]`, token),
    ),
  }
}

/**
 * Checks a saved {@link PelmMockState} (e.g. read back with `JSON.parse`) and gives its Users;
 * throws a {@link PelmMockStateError} naming the first faulty field. A message never holds an
 * access token (it names where the token is), since it may be logged.
 */
export function parseState(value: unknown): PelmUserRecord[] {
  const state = isFields(value) ? value : invalid('state', 'an object', value, shownStateText)
  if (state.version !== PELM_MOCK_STATE_VERSION) {
    invalid('state.version', String(PELM_MOCK_STATE_VERSION), state.version)
  }
  if (!Array.isArray(state.users)) invalid('state.users', 'an array', state.users)
  const users = state.users.map((user, index) => userAt(`state.users[${index}]`, user))
  const userIds = new Map<string, string>()
  const tokens = new Map<string, string>()
  users.forEach((user, index) => {
    const path = `state.users[${index}]`
    const first = userIds.get(user.userId)
    if (first) invalid(`${path}.id`, `an id no other User has`, `the id of ${first}`, String)
    userIds.set(user.userId, path)
    user.accessTokens.forEach((token, tokenIndex) => {
      const tokenPath = `${path}.accessTokens[${tokenIndex}]`
      const listed = tokens.get(token)
      if (listed) invalid(tokenPath, 'an access token listed once', `the one of ${listed}`, String)
      tokens.set(token, tokenPath)
    })
  })
  return users
}
