import { type ChildProcess, spawn } from 'node:child_process'

/** A server under test, reachable on 127.0.0.1. */
export interface RunningServer {
  /** e.g. `http://127.0.0.1:41234` */
  origin: string
  /** What the server printed so far, for failure messages. */
  output(): string
  stop(): Promise<void>
}

const READY = /listening on (http:\/\/\S+)/

/** The environment a server process gets: nothing of ours but the PATH, plus its settings. */
export function serverEnv(settings: Record<string, string | undefined>): NodeJS.ProcessEnv {
  return {
    PATH: process.env.PATH,
    HOME: process.env.HOME,
    NO_COLOR: '1',
    DO_NOT_TRACK: '1',
    DENO_NO_UPDATE_CHECK: '1',
    ...settings,
  }
}

function exited(child: ChildProcess): Promise<void> {
  return new Promise((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) resolve()
    else child.once('exit', () => resolve())
  })
}

/**
 * Starts a server process and waits for its `listening on http://…` line (the examples print
 * one, the port chosen by the OS with `PORT=0`). Rejects with its output if it exits first.
 */
export async function startServerProcess(
  command: string,
  args: string[],
  env: NodeJS.ProcessEnv,
  timeoutMs = 30_000,
): Promise<RunningServer> {
  const child = spawn(command, args, { env, stdio: ['ignore', 'pipe', 'pipe'] })
  let output = ''
  const collect = (chunk: Buffer) => {
    output += chunk.toString()
  }
  child.stdout?.on('data', collect)
  child.stderr?.on('data', collect)

  const stop = async () => {
    if (child.exitCode !== null || child.signalCode !== null) return
    child.kill('SIGTERM')
    const timer = setTimeout(() => child.kill('SIGKILL'), 3_000)
    await exited(child)
    clearTimeout(timer)
  }

  const origin = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => fail(`no "listening on" line within ${timeoutMs} ms`), timeoutMs)
    const fail = (why: string) => {
      clearTimeout(timer)
      void stop()
      reject(new Error(`${command} ${args.join(' ')}: ${why}\n${output}`))
    }
    const check = () => {
      const match = READY.exec(output)
      if (!match?.[1]) return
      clearTimeout(timer)
      resolve(match[1].replace(/\/$/, ''))
    }
    child.stdout?.on('data', check)
    child.once('error', (error) => fail(error.message))
    child.once('exit', (code, signal) => fail(`exited (${signal ?? code}) before listening`))
  })
  return { origin, output: () => output, stop }
}
