// The consumer app's processes (the sandbox CLI, the app server): started in their own process
// group so that stopping one also stops what it started (tsx runs the server in a child node),
// with their output kept for the failure message.
import { spawn } from 'node:child_process'
import { setTimeout as delay } from 'node:timers/promises'

/**
 * Starts `command` in `cwd`; returns `{ name, output(), exited, stop() }`. `exited` resolves
 * with the exit code (or the signal) whenever the process ends.
 */
export function startProcess(name, command, args, { cwd, env }) {
  const child = spawn(command, args, {
    cwd,
    env,
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  let output = ''
  child.stdout.on('data', (chunk) => (output += chunk))
  child.stderr.on('data', (chunk) => (output += chunk))
  const exited = new Promise((resolve) => {
    child.once('error', (error) => resolve(error.message))
    child.once('exit', (code, signal) => resolve(code ?? signal))
  })
  let ended = false
  exited.then(() => (ended = true))
  return {
    name,
    output: () => output,
    exited,
    async stop() {
      if (ended) return
      try {
        process.kill(-child.pid, 'SIGTERM')
      } catch {
        return
      }
      const stopped = await Promise.race([exited.then(() => true), delay(5000, false)])
      if (!stopped) process.kill(-child.pid, 'SIGKILL')
    },
  }
}

/** Waits until `check(output)` gives a value, the process ends, or `timeoutMs` pass. */
export async function waitForOutput(proc, check, timeoutMs) {
  const deadline = Date.now() + timeoutMs
  let ended = false
  proc.exited.then(() => (ended = true))
  while (Date.now() < deadline) {
    const found = check(proc.output())
    if (found) return found
    if (ended) throw new Error(`${proc.name} exited early:\n${proc.output()}`)
    await delay(50)
  }
  throw new Error(`${proc.name} gave no expected output within ${timeoutMs} ms:\n${proc.output()}`)
}

/** Waits until `url` answers over HTTP (any status), the process ends, or `timeoutMs` pass. */
export async function waitForHttp(proc, url, timeoutMs) {
  const deadline = Date.now() + timeoutMs
  let ended = false
  proc.exited.then(() => (ended = true))
  while (Date.now() < deadline) {
    if (ended) throw new Error(`${proc.name} exited early:\n${proc.output()}`)
    const answered = await fetch(url).then(
      () => true,
      () => false,
    )
    if (answered) return
    await delay(100)
  }
  throw new Error(`${proc.name} did not answer ${url} within ${timeoutMs} ms:\n${proc.output()}`)
}

/** Runs a command to its end, quietly: resolves with `{ code, output }`. */
export function runQuietly(command, args, { cwd, env }) {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { cwd, env, stdio: ['ignore', 'pipe', 'pipe'] })
    let output = ''
    child.stdout.on('data', (chunk) => (output += chunk))
    child.stderr.on('data', (chunk) => (output += chunk))
    child.once('error', reject)
    child.once('close', (code) => resolve({ code: code ?? 1, output }))
  })
}
