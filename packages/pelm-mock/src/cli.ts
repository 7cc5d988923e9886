#!/usr/bin/env node
import { parseArgs } from 'node:util'
import { banner, usage } from './cli-text'
import { servePelmMock } from './serve'

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
        env: { type: 'boolean', default: false },
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

try {
  console.log(banner(sandbox, { env: args.env }))
} catch (error) {
  // A credential no .env line can hold: say so rather than print a line that reads back wrong.
  await sandbox.close()
  fail(`${(error as Error).message}; pick another --client-id or --secret`)
}

for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.on(signal, () => {
    void sandbox.close().finally(() => process.exit(0))
  })
}
