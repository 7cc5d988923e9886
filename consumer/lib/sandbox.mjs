// The `pelm-mock` CLI of the installed tarball, as a user runs it next to their app: on a free
// port, its printed settings read back for the app's .env.
import { join } from 'node:path'
import { startProcess, waitForOutput } from './processes.mjs'

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
