import { type ChildProcess, spawn } from 'node:child_process'
import { fileURLToPath } from 'node:url'
import { afterEach, describe, expect, it } from 'vitest'

const CLI = fileURLToPath(new URL('./cli.ts', import.meta.url))

let child: ChildProcess | undefined

afterEach(() => {
  child?.kill()
  child = undefined
})

/** Runs the CLI from its source and gives its output once `until` appears in it (or it exits). */
function runCli(args: string[], until: string): Promise<string> {
  const started = spawn(process.execPath, ['--import', 'tsx', CLI, ...args], {
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  child = started
  return new Promise((resolve, reject) => {
    let output = ''
    const read = (chunk: Buffer) => {
      output += chunk.toString()
      if (output.includes(until)) resolve(output)
    }
    started.stdout?.on('data', read)
    started.stderr?.on('data', read)
    started.on('exit', () => resolve(output))
    started.on('error', reject)
  })
}

/** The `NAME=value` lines of a text, as an object. */
const envOf = (text: string) =>
  Object.fromEntries(
    [...text.matchAll(/^(PELM_[A-Z_]+)=(.*)$/gm)].map(([, name, value]) => [name, value]),
  )

describe('pelm-mock CLI', () => {
  it('--env prints .env lines that point a server at the running sandbox', async () => {
    const args = ['--port', '0', '--env', '--client-id', 'cli-id', '--secret', 'cli-secret']
    const output = await runCli(args, 'Press Ctrl+C')
    const env = envOf(output)
    expect(Object.keys(env)).toEqual([
      'PELM_API_URL',
      'PELM_CONNECT_URL',
      'PELM_CLIENT_ID',
      'PELM_SECRET',
    ])
    expect(env.PELM_CONNECT_URL).toBe(`${env.PELM_API_URL}/connect`)
    const response = await fetch(`${env.PELM_API_URL}/auth/connect-token`, {
      method: 'POST',
      headers: { 'Pelm-Client-Id': env.PELM_CLIENT_ID ?? '', 'Pelm-Secret': env.PELM_SECRET ?? '' },
      body: new URLSearchParams({ user_id: 'user-1' }),
    })
    expect(response.status).toBe(200)
  })
})
