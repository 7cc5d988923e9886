import { spawn, spawnSync } from 'node:child_process'
import { createServer } from 'node:net'

export interface RunningRedis {
  url: string
  stop(): Promise<void>
}

/** A port free right now on 127.0.0.1 (redis-server cannot pick its own: port 0 turns TCP off). */
function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer()
    server.once('error', reject)
    server.listen(0, '127.0.0.1', () => {
      const address = server.address()
      server.close(() =>
        typeof address === 'object' && address ? resolve(address.port) : reject(),
      )
    })
  })
}

function startOnce(port: number): Promise<RunningRedis> {
  const child = spawn(
    'redis-server',
    ['--bind', '127.0.0.1', '--port', String(port), '--save', '', '--appendonly', 'no'],
    { stdio: ['ignore', 'pipe', 'pipe'] },
  )
  let output = ''
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()))
  const stop = async () => {
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM')
    await exited
  }
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      void stop()
      reject(new Error(`redis-server did not get ready within 10 s:\n${output}`))
    }, 10_000)
    const collect = (chunk: Buffer) => {
      output += chunk.toString()
      if (!output.includes('Ready to accept connections')) return
      clearTimeout(timer)
      resolve({ url: `redis://127.0.0.1:${port}`, stop })
    }
    child.stdout.on('data', collect)
    child.stderr.on('data', collect)
    child.once('exit', (code) => {
      clearTimeout(timer)
      reject(new Error(`redis-server exited (${code}) before it was ready:\n${output}`))
    })
  })
}

/**
 * Starts a private `redis-server` on 127.0.0.1 (no persistence) for one test file; `stop()` ends
 * it. `npm test` installs Debian's redis-server when it is missing (scripts/lib/bootstrap.mjs).
 */
export async function startRedis(): Promise<RunningRedis> {
  if (spawnSync('redis-server', ['--version']).status !== 0) {
    throw new Error(
      'redis-server is not installed: `npm test` installs it, or run `apt-get install -y redis-server`.',
    )
  }
  for (let attempt = 1; ; attempt++) {
    try {
      return await startOnce(await freePort())
    } catch (error) {
      // Another process may have taken the port between the probe and the start.
      if (attempt === 3 || !String(error).includes('Address already in use')) throw error
    }
  }
}
