import { type ChildProcess, spawn, spawnSync } from 'node:child_process'
import { existsSync, mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'

export const root = fileURLToPath(new URL('..', import.meta.url))
export const serverFile = join(root, 'apps/demo/dist/server.js')
/** The sandbox, whatever the shell exports: these would switch the demo to live Pelm or elsewhere. */
const OVERRIDDEN = [
  'PELM_CLIENT_ID',
  'PELM_SECRET',
  'PELM_API_URL',
  'PELM_CONNECT_URL',
  'PUBLIC_URL',
  'REDIS_URL',
  'CLIENT_DIR',
  'HOST',
  'SESSION_SECRET',
  'PELM_COOKIE_SECRET',
  'TOKEN_ENCRYPTION_KEY',
]

/** Builds the demo (`dist/server.js` and the client) when missing or when `E2E_BUILD=1`. */
export function buildDemoOnce(): void {
  if (existsSync(serverFile) && process.env.E2E_BUILD !== '1') return
  const build = spawnSync('pnpm', ['--filter', '@acme/pelm-demo', 'run', 'build'], {
    cwd: root,
    stdio: 'inherit',
  })
  if (build.status !== 0) throw new Error('building the demo failed')
}

export const freshDataDir = () => mkdtempSync(join(tmpdir(), 'pelm-demo-e2e-'))

export interface RunningDemo {
  url: string
  process: ChildProcess
  /** Everything it printed so far. */
  output: () => string
  /** SIGTERM, then waits for the exit (the sandbox state is saved by then). */
  stop: () => Promise<void>
}

/**
 * Runs the built demo as `npm start` does (`node apps/demo/dist/server.js`) on the sandbox, and
 * waits for the line where it prints its URL. `PORT` 0 picks a free port.
 */
export function startDemo(env: Record<string, string>): Promise<RunningDemo> {
  const base: NodeJS.ProcessEnv = { ...process.env }
  for (const name of OVERRIDDEN) delete base[name]
  const server = spawn(process.execPath, [serverFile], {
    cwd: root,
    env: { ...base, PORT: '0', SANDBOX_DATA_DELAY_MS: '1000', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  let output = ''
  server.stdout?.on('data', (chunk: Buffer) => {
    output += chunk
  })
  server.stderr?.on('data', (chunk: Buffer) => {
    output += chunk
  })
  const exited = new Promise<void>((resolve) => server.once('exit', () => resolve()))
  const stop = async () => {
    if (server.exitCode === null && server.signalCode === null) server.kill('SIGTERM')
    await exited
  }
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`the demo did not start:\n${output}`)), 15_000)
    server.stdout?.on('data', () => {
      const url = /Pelm Connect demo: (http\S+)/.exec(output)?.[1]
      if (!url) return
      clearTimeout(timer)
      resolve({ url, process: server, output: () => output, stop })
    })
    server.once('exit', (code) => {
      clearTimeout(timer)
      reject(new Error(`the demo exited (${code}):\n${output}`))
    })
  })
}
