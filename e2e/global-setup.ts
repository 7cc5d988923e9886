import { type ChildProcess, spawn, spawnSync } from 'node:child_process'
import { createWriteStream, existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'

const root = fileURLToPath(new URL('..', import.meta.url))
const serverFile = join(root, 'apps/demo/dist/server.js')
const logFile = join(root, 'test-results/e2e-demo-server.log')
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
]

/** Waits for the line where the server prints its URL. */
function urlPrinted(server: ChildProcess): Promise<string> {
  return new Promise((resolve, reject) => {
    let output = ''
    const timer = setTimeout(() => reject(new Error(`the demo did not start:\n${output}`)), 15_000)
    server.stdout?.on('data', (chunk: Buffer) => {
      output += chunk
      const url = /Pelm Connect demo: (http\S+)/.exec(output)?.[1]
      if (url) {
        clearTimeout(timer)
        resolve(url)
      }
    })
    server.once('exit', (code) => reject(new Error(`the demo exited (${code}):\n${output}`)))
  })
}

/**
 * Starts the demo as `npm start` runs it (the built `dist/server.js`, building it when missing) on a
 * free port, with a fresh data directory; the returned function stops it.
 */
export default async function globalSetup(): Promise<() => Promise<void>> {
  if (!existsSync(serverFile) || process.env.E2E_BUILD === '1') {
    const build = spawnSync('pnpm', ['--filter', '@acme/pelm-demo', 'run', 'build'], {
      cwd: root,
      stdio: 'inherit',
    })
    if (build.status !== 0) throw new Error('building the demo failed')
  }
  const dataDir = mkdtempSync(join(tmpdir(), 'pelm-demo-e2e-'))
  const env: NodeJS.ProcessEnv = { ...process.env }
  for (const name of OVERRIDDEN) delete env[name]
  const server = spawn(process.execPath, [serverFile], {
    cwd: root,
    env: { ...env, PORT: '0', DATA_DIR: dataDir, SANDBOX_DATA_DELAY_MS: '1000' },
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  // The server's own output (Pelm route warnings for the refused callbacks) is kept, not shown.
  mkdirSync(join(root, 'test-results'), { recursive: true })
  const log = createWriteStream(logFile)
  server.stdout?.pipe(log)
  server.stderr?.pipe(log)
  // Should the runner exit without its teardown, the server goes with it.
  const stop = () => server.kill('SIGTERM')
  process.once('exit', stop)
  process.env.DEMO_URL = await urlPrinted(server)
  return async () => {
    process.off('exit', stop)
    const exited = new Promise((resolve) => server.once('exit', resolve))
    server.kill('SIGTERM')
    await exited
    rmSync(dataDir, { recursive: true, force: true })
  }
}
