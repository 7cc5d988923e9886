// The consumer app's two servers, as a user runs them: the `pelm-mock` CLI of the installed
// tarball on a free port, its printed settings read back into the app's .env, and the app's own
// server (`tsx --env-file=.env server/index.ts`).
import { randomBytes } from 'node:crypto'
import { join } from 'node:path'
import { freePort } from '../../scripts/lib/free-port.mjs'
import { writeEnvFile } from './app.mjs'
import { startProcess, waitForHttp, waitForOutput } from './processes.mjs'

const required = ['PELM_API_URL', 'PELM_CONNECT_URL', 'PELM_CLIENT_ID', 'PELM_SECRET']

/**
 * The sandbox settings a `pelm-mock` output gives: its `--env` lines (`PELM_API_URL=…`), or else
 * its summary (`API URL: …`, `Connect URL: …`, `Client id: …`, `Secret: …`); `undefined` until
 * all four are there.
 */
export function sandboxSettings(output) {
  const lines = Object.fromEntries(
    [...output.matchAll(/^(PELM_[A-Z_]+)=(\S+)/gm)].map(([, key, value]) => [key, value]),
  )
  if (required.every((key) => lines[key])) return lines
  const label = (name) => new RegExp(`^\\s*${name}:\\s*(\\S+)`, 'im').exec(output)?.[1]
  const summary = {
    PELM_API_URL: label('API URL'),
    PELM_CONNECT_URL: label('Connect URL'),
    PELM_CLIENT_ID: label('Client id'),
    PELM_SECRET: label('Secret'),
  }
  return required.every((key) => summary[key]) ? summary : undefined
}

/**
 * Starts `pelm-mock --port 0 --env` from the app's node_modules (without `--env` if this CLI
 * does not know it); returns `{ proc, settings }`.
 */
export async function startSandbox(appDir, env) {
  const bin = join(appDir, 'node_modules', '.bin', 'pelm-mock')
  for (const args of [
    ['--port', '0', '--env'],
    ['--port', '0'],
  ]) {
    const proc = startProcess(`pelm-mock ${args.join(' ')}`, bin, args, { cwd: appDir, env })
    try {
      return { proc, settings: await waitForOutput(proc, sandboxSettings, 15_000) }
    } catch (error) {
      await proc.stop()
      const unknownFlag = /unknown option '--env'/i.test(proc.output())
      if (!unknownFlag) throw error
    }
  }
  throw new Error('unreachable')
}

/**
 * Starts the sandbox, writes the app's .env (the sandbox's settings, then `PORT`,
 * `PELM_REDIRECT_URI`, and random `PELM_COOKIE_SECRET` and `SESSION_SECRET`), and starts the app
 * server on a free port. Each started process goes to `processes` at once, so the caller stops
 * it whatever happens next. Resolves with the app's URL.
 */
export async function startServers(appDir, env, processes) {
  const sandbox = await startSandbox(appDir, env)
  processes.push(sandbox.proc)
  const port = await freePort()
  writeEnvFile(appDir, {
    ...sandbox.settings,
    PORT: port,
    PELM_REDIRECT_URI: `http://localhost:${port}/pelm/callback`,
    PELM_COOKIE_SECRET: randomBytes(32).toString('base64'),
    SESSION_SECRET: randomBytes(32).toString('base64'),
  })
  const server = startProcess(
    'the app server (tsx --env-file=.env server/index.ts)',
    join(appDir, 'node_modules', '.bin', 'tsx'),
    ['--env-file=.env', 'server/index.ts'],
    { cwd: appDir, env },
  )
  processes.push(server)
  await waitForHttp(server, `http://127.0.0.1:${port}/`, 20_000)
  return `http://localhost:${port}/`
}
