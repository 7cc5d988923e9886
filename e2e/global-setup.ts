import { createWriteStream, mkdirSync, rmSync } from 'node:fs'
import { join } from 'node:path'
import { buildDemoOnce, freshDataDir, root, startDemo } from './demo-server'

const logFile = join(root, 'test-results/e2e-demo-server.log')

/**
 * Starts the demo as `npm start` runs it (the built `dist/server.js`, building it when missing) on a
 * free port, with a fresh data directory; the returned function stops it. The tests read its URL
 * from `DEMO_URL` and its data directory from `DEMO_DATA_DIR`.
 */
export default async function globalSetup(): Promise<() => Promise<void>> {
  buildDemoOnce()
  const dataDir = freshDataDir()
  const demo = await startDemo({ DATA_DIR: dataDir })
  // The server's own output (Pelm route warnings for the refused callbacks) is kept, not shown.
  mkdirSync(join(root, 'test-results'), { recursive: true })
  const log = createWriteStream(logFile)
  log.write(demo.output())
  demo.process.stdout?.pipe(log)
  demo.process.stderr?.pipe(log)
  // Should the runner exit without its teardown, the server goes with it.
  const kill = () => demo.process.kill('SIGTERM')
  process.once('exit', kill)
  process.env.DEMO_URL = demo.url
  process.env.DEMO_DATA_DIR = dataDir
  return async () => {
    process.off('exit', kill)
    await demo.stop()
    rmSync(dataDir, { recursive: true, force: true })
  }
}
