#!/usr/bin/env node
import { parseArgs } from 'node:util'
import { banner, usage } from './cli-text'
import { servePelmMock } from './serve'
import { openStateFile } from './state-file'
import { claimStateFile } from './state-lock'

function fail(message: string): never {
  console.error(`pelm-mock: ${message}\n\n${usage}`)
  process.exit(2)
}

function parseCommandLine() {
  try {
    return parseArgs({
      options: {
        port: { type: 'string' },
        host: { type: 'string', default: '127.0.0.1' },
        'client-id': { type: 'string' },
        secret: { type: 'string' },
        'data-delay-ms': { type: 'string', default: '0' },
        env: { type: 'boolean', default: false },
        state: { type: 'string' },
        help: { type: 'boolean', short: 'h' },
      },
    }).values
  } catch (error) {
    fail((error as Error).message)
  }
}

/** `value` as a whole number; `name` is how the user gave it (`--port`, `PORT`). */
function wholeNumber(name: string, value: string, max: number): number {
  const number = Number(value)
  if (!/^\d+$/.test(value) || number > max) {
    fail(`${name} must be a whole number from 0 to ${max}, got ${JSON.stringify(value)}`)
  }
  return number
}

/** `--port`, else a non-empty `PORT` from the environment, else 4010. */
function port(): number {
  if (args.port !== undefined) return wholeNumber('--port', args.port, 65535)
  if (process.env.PORT) return wholeNumber('PORT', process.env.PORT, 65535)
  return 4010
}

const args = parseCommandLine()
if (args.help) {
  console.log(usage)
  process.exit(0)
}

if (args.state === '') fail('--state needs the path of a file')
const stateFile = args.state === undefined ? undefined : await claimedStateFile(args.state)

/** The state file, claimed for this process until it exits. */
async function claimedStateFile(path: string) {
  try {
    const release = claimStateFile(path)
    process.on('exit', release)
    return await openStateFile(path)
  } catch (error) {
    fail(`--state: ${(error as Error).message}`)
  }
}

const listenPort = port()
const sandbox = await servePelmMock({
  port: listenPort,
  hostname: args.host,
  clientId: args['client-id'],
  secret: args.secret,
  dataDelayMs: wholeNumber('--data-delay-ms', args['data-delay-ms'], 24 * 3600 * 1000),
  state: stateFile?.state,
  onChange: stateFile?.save,
}).catch((error: NodeJS.ErrnoException) =>
  fail(
    error.code === 'EADDRINUSE'
      ? `port ${listenPort} is in use; pick another with --port`
      : error.message,
  ),
)

try {
  console.log(banner(sandbox, { env: args.env, stateFile: stateFile?.path }))
} catch (error) {
  // A credential no .env line can hold: say so rather than print a line that reads back wrong.
  await sandbox.close()
  fail(`${(error as Error).message}; pick another --client-id or --secret`)
}

// Stop taking requests, then let the last state reach the file before exiting.
async function stop(): Promise<never> {
  await sandbox.close().catch(() => {})
  try {
    await stateFile?.saved()
  } catch (error) {
    console.error(`pelm-mock: the state could not be saved to ${stateFile?.path}:`, error)
    process.exit(1)
  }
  process.exit(0)
}

for (const signal of ['SIGINT', 'SIGTERM'] as const) process.on(signal, () => void stop())
