// Child processes that host a server under test and answer commands over IPC.
import { fork } from 'node:child_process'

/**
 * Forks `script`, waits for its `{ type: 'ready', ... }` message and returns it with `call`
 * (send a command, await the answer of the same id) and `stop`.
 */
export async function startChild(script, { args = [], execArgv = [], env } = {}) {
  const child = fork(script, args, {
    execArgv,
    env: { ...process.env, ...env },
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  })
  const pending = new Map()
  let nextId = 0
  const ready = new Promise((resolve, reject) => {
    // A child that dies fails whatever waits on it, rather than leaving the run hanging.
    child.once('exit', (code, signal) => {
      const error = new Error(`${script} exited (${signal ?? `code ${code}`})`)
      reject(error)
      for (const waiter of pending.values()) waiter.reject(error)
      pending.clear()
    })
    child.on('message', (message) => {
      if (message.type === 'ready') resolve(message)
      const waiter = pending.get(message.id)
      if (waiter === undefined) return
      pending.delete(message.id)
      if (message.error) waiter.reject(new Error(message.error))
      else waiter.resolve(message.result)
    })
  })
  const info = await ready
  return {
    ...info,
    pid: child.pid,
    call(type, payload = {}) {
      const id = ++nextId
      return new Promise((resolve, reject) => {
        pending.set(id, { resolve, reject })
        child.send({ id, type, ...payload })
      })
    },
    stop() {
      return new Promise((resolve) => {
        if (child.exitCode !== null) return resolve()
        child.once('exit', () => resolve())
        child.kill('SIGTERM')
      })
    },
  }
}

/** In the child: answers each command with `handlers[type](message)`. */
export function serveCommands(handlers) {
  process.on('message', async (message) => {
    try {
      const handler = handlers[message.type]
      if (!handler) throw new Error(`unknown command ${message.type}`)
      process.send({ id: message.id, result: await handler(message) })
    } catch (error) {
      process.send({ id: message.id, error: String(error?.stack ?? error) })
    }
  })
  process.on('disconnect', () => process.exit(0))
}
