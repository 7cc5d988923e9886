import { type ChildProcess, spawn } from 'node:child_process'
import { once } from 'node:events'
import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { completeConnect } from '@acme/pelm-mock/testing'
import { afterEach, describe, expect, it } from 'vitest'

const CLI = fileURLToPath(new URL('./cli.ts', import.meta.url))

let child: ChildProcess | undefined

afterEach(() => {
  child?.kill()
  child = undefined
})

/** Runs the CLI from its source and gives its output once `until` appears in it (or it exits). */
function runCli(args: string[], until: string, env: NodeJS.ProcessEnv = process.env) {
  const started = spawn(process.execPath, ['--import', 'tsx', CLI, ...args], {
    // tsx reads the package's tsconfig there (JSX from hono/jsx for the Connect pages)
    cwd: fileURLToPath(new URL('..', import.meta.url)),
    stdio: ['ignore', 'pipe', 'pipe'],
    env,
  })
  child = started
  return new Promise<string>((resolve, reject) => {
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

// Each test starts Node processes (tsx compiles the CLI): slow on a loaded machine.
describe('pelm-mock CLI', { timeout: 30_000 }, () => {
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

  it('names PORT when the port from the environment is not a number', async () => {
    const output = await runCli([], 'Press Ctrl+C', { ...process.env, PORT: 'abc' })
    expect(child?.exitCode).toBe(2)
    expect(output).toContain('pelm-mock: PORT must be a whole number from 0 to 65535, got "abc"')
  })

  describe('--state FILE', () => {
    let dir: string | undefined
    afterEach(async () => {
      if (dir) await rm(dir, { recursive: true, force: true })
    })

    /** Connects `userId` through the running sandbox's API and Connect pages; gives its token. */
    async function connectOver(env: Record<string, string>, userId: string): Promise<string> {
      const headers = {
        'Pelm-Client-Id': env.PELM_CLIENT_ID ?? '',
        'Pelm-Secret': env.PELM_SECRET ?? '',
      }
      const created = await fetch(`${env.PELM_API_URL}/auth/connect-token`, {
        method: 'POST',
        headers,
        body: new URLSearchParams({ user_id: userId }),
      })
      const { connect_token } = await created.json()
      const query = new URLSearchParams({ connect_token, redirect_uri: 'https://app.example/cb' })
      const back = await completeConnect(`${env.PELM_CONNECT_URL}/?${query}`)
      const exchanged = await fetch(`${env.PELM_API_URL}/auth/token`, {
        method: 'POST',
        headers,
        body: new URLSearchParams({
          code: back.searchParams.get('code') ?? '',
          grant_type: 'code',
        }),
      })
      return (await exchanged.json()).access_token
    }

    it('keeps the Users in the file across a stop (Ctrl+C) and a restart', async () => {
      dir = await mkdtemp(join(tmpdir(), 'pelm-mock-cli-'))
      const path = join(dir, 'sandbox.json')
      const first = envOf(await runCli(['--port', '0', '--env', '--state', path], 'Press Ctrl+C'))
      const token = await connectOver(first, 'conn-1')
      const stopped = once(child as ChildProcess, 'exit')
      child?.kill('SIGINT')
      expect((await stopped)[0]).toBe(0)
      expect(JSON.parse(await readFile(path, 'utf8')).users).toMatchObject([{ id: 'conn-1' }])

      const second = envOf(await runCli(['--port', '0', '--env', '--state', path], 'Press Ctrl+C'))
      const accounts = await fetch(`${second.PELM_API_URL}/users/conn-1`, {
        headers: {
          'Pelm-Client-Id': second.PELM_CLIENT_ID ?? '',
          'Pelm-Secret': second.PELM_SECRET ?? '',
          Authorization: `Bearer ${token}`,
        },
      })
      expect(accounts.status).toBe(200)
    })

    it('refuses a file another running sandbox keeps, naming its process; frees it on exit', async () => {
      dir = await mkdtemp(join(tmpdir(), 'pelm-mock-cli-'))
      const path = join(dir, 'sandbox.json')
      await runCli(['--port', '0', '--state', path], 'Press Ctrl+C')
      const first = child as ChildProcess
      const second = spawn(
        process.execPath,
        ['--import', 'tsx', CLI, '--port', '0', '--state', path],
        {
          cwd: fileURLToPath(new URL('..', import.meta.url)),
          stdio: ['ignore', 'pipe', 'pipe'],
        },
      )
      let output = ''
      second.stderr.on('data', (chunk: Buffer) => {
        output += chunk.toString()
      })
      const [code] = await once(second, 'exit')
      expect(code).toBe(2)
      expect(output).toContain(`${path} is in use by another pelm-mock (process ${first.pid})`)

      const stopped = once(first, 'exit')
      first.kill('SIGINT')
      await stopped
      expect(await readdir(dir)).not.toContain('sandbox.json.lock')
    })

    it('refuses a damaged file, naming it, exits 2 and leaves the file as it was', async () => {
      dir = await mkdtemp(join(tmpdir(), 'pelm-mock-cli-'))
      const path = join(dir, 'sandbox.json')
      await writeFile(path, '{"version":1,"users":[')
      const output = await runCli(['--port', '0', '--state', path], 'Press Ctrl+C')
      expect(child?.exitCode).toBe(2)
      expect(output).toContain(`pelm-mock: --state: ${path} is not a saved sandbox state`)
      expect(output).not.toMatch(/\n\s+at /) // no stack trace
      expect(await readFile(path, 'utf8')).toBe('{"version":1,"users":[')
    })
  })
})
