#!/usr/bin/env node
import { parseArgs } from 'node:util'
import { sandboxLogins } from './sandbox/logins'
import { servePelmMock } from './serve'

const usage = `Usage: pelm-mock [--port 4010] [--host 127.0.0.1] [--client-id ID] [--secret SECRET] [--data-delay-ms 0]

Runs the offline Pelm sandbox: the Pelm API and the hosted Connect pages.`

function fail(message: string): never {
  console.error(`pelm-mock: ${message}\n\n${usage}`)
  process.exit(2)
}

function parseCommandLine() {
  try {
    return parseArgs({
      options: {
        port: { type: 'string', default: process.env.PORT ?? '4010' },
        host: { type: 'string', default: '127.0.0.1' },
        'client-id': { type: 'string' },
        secret: { type: 'string' },
        'data-delay-ms': { type: 'string', default: '0' },
        help: { type: 'boolean', short: 'h' },
      },
    }).values
  } catch (error) {
    fail((error as Error).message)
  }
}

function wholeNumber(name: string, value: string, max: number): number {
  const number = Number(value)
  if (!/^\d+$/.test(value) || number > max)
    fail(`--${name} must be a whole number from 0 to ${max}`)
  return number
}

const args = parseCommandLine()
if (args.help) {
  console.log(usage)
  process.exit(0)
}

const sandbox = await servePelmMock({
  port: wholeNumber('port', args.port, 65535),
  hostname: args.host,
  clientId: args['client-id'],
  secret: args.secret,
  dataDelayMs: wholeNumber('data-delay-ms', args['data-delay-ms'], 24 * 3600 * 1000),
}).catch((error: NodeJS.ErrnoException) =>
  fail(
    error.code === 'EADDRINUSE'
      ? `port ${args.port} is in use; pick another with --port`
      : error.message,
  ),
)

console.log(`Pelm sandbox running
  API URL:      ${sandbox.apiUrl}
  Connect URL:  ${sandbox.connectUrl}
  Client id:    ${sandbox.credentials.clientId}
  Secret:       ${sandbox.credentials.secret}
  Sandbox logins (on the Connect credentials screen):
${sandboxLogins.map((login) => `    ${login.username} / ${login.password}  ${login.description}`).join('\n')}
Press Ctrl+C to stop.`)

for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.on(signal, () => {
    void sandbox.close().finally(() => process.exit(0))
  })
}
