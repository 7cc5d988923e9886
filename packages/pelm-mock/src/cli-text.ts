import type { PelmMock } from './create-pelm-mock'
import { sandboxLogins } from './sandbox/logins'

export const usage = `Usage: pelm-mock [--port 4010] [--host 127.0.0.1] [--client-id ID] [--secret SECRET]
                 [--data-delay-ms 0] [--env] [--state FILE]

Runs the offline Pelm sandbox: the Pelm API and the hosted Connect pages.

  --env    also print the lines for your server's .env file (PELM_API_URL, PELM_CONNECT_URL,
           PELM_CLIENT_ID, PELM_SECRET), then keep serving
  --state  keep the Pelm users and their access tokens in FILE across restarts (read at start,
           rewritten whole after each change; FILE.lock keeps a second sandbox away)

To simulate a password change at the utility for one Pelm user (its user_id), while it runs:
  curl -X POST -H 'Pelm-Client-Id: ID' -H 'Pelm-Secret: SECRET' \\
    http://127.0.0.1:4010/sandbox/users/USER_ID/password-changed`

type Sandbox = Pick<PelmMock, 'apiUrl' | 'connectUrl' | 'credentials'>

/** What a `.env` value may hold unquoted: `#` starts a comment, quotes and `$` mean more. */
const BARE_ENV_VALUE = /^[\w.:/@+=,~[\]%-]*$/

/**
 * `NAME=value` as `.env` parsers (Node's `--env-file`, dotenv) read it back: quoted when needed.
 * Single quotes keep the text as written; double quotes turn `\n` into a newline.
 */
function envLine(name: string, value: string): string {
  if (BARE_ENV_VALUE.test(value)) return `${name}=${value}`
  const quote = ["'", '"', '`'].find(
    (mark) => !value.includes(mark) && !(mark === '"' && value.includes('\\n')),
  )
  if (!quote) {
    throw new Error(`${name} cannot be written on a .env line: no quoting keeps its value as is`)
  }
  return `${name}=${quote}${value}${quote}`
}

/**
 * The `.env` lines of a server that uses this sandbox as its Pelm; throws for a credential no
 * `.env` quoting can hold.
 */
export function envLines(sandbox: Sandbox): string {
  return [
    envLine('PELM_API_URL', sandbox.apiUrl),
    envLine('PELM_CONNECT_URL', sandbox.connectUrl),
    envLine('PELM_CLIENT_ID', sandbox.credentials.clientId),
    envLine('PELM_SECRET', sandbox.credentials.secret),
  ].join('\n')
}

/** What the CLI prints once the sandbox listens. */
export function banner(sandbox: Sandbox, options: { env: boolean; stateFile?: string }): string {
  const { apiUrl, connectUrl, credentials } = sandbox
  const logins = sandboxLogins.map(
    (login) => `    ${login.username} / ${login.password}  ${login.description}`,
  )
  return [
    'Pelm sandbox running',
    `  API URL:      ${apiUrl}`,
    `  Connect URL:  ${connectUrl}`,
    `  Client id:    ${credentials.clientId}`,
    `  Secret:       ${credentials.secret}`,
    ...(options.stateFile ? [`  State file:   ${options.stateFile}`] : []),
    '  Sandbox logins (on the Connect credentials screen):',
    ...logins,
    `  Password change at the utility: POST ${apiUrl}/sandbox/users/USER_ID/password-changed`,
    '    with the Pelm-Client-Id and Pelm-Secret headers',
    ...(options.env ? ["For your server's .env file:", envLines(sandbox)] : []),
    'Press Ctrl+C to stop.',
  ].join('\n')
}
