import { spawn } from 'node:child_process'
import { readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'

export const repoRoot = join(import.meta.dirname, '..', '..')
const bin = (name: string) => join(repoRoot, 'node_modules', '.bin', name)

/** Runs a workspace tool (`tsdown`, `vite`) in `cwd`; rejects with its output when it fails. */
export function runTool(
  tool: 'tsdown' | 'vite',
  args: string[],
  options: { cwd: string; env?: Record<string, string> },
): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn(bin(tool), args, {
      cwd: options.cwd,
      env: { ...process.env, ...options.env, NO_COLOR: '1', CI: '1' },
      stdio: ['ignore', 'pipe', 'pipe'],
    })
    let output = ''
    child.stdout.on('data', (chunk) => (output += chunk))
    child.stderr.on('data', (chunk) => (output += chunk))
    child.on('error', reject)
    child.on('close', (code) =>
      code === 0
        ? resolve(output)
        : reject(new Error(`${tool} ${args.join(' ')} failed (${code}):\n${output}`)),
    )
  })
}

/** Every file under `dir` (source maps included), with its text. */
export function filesUnder(dir: string): { path: string; text: string }[] {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => {
      const path = join(entry.parentPath, entry.name)
      return { path: path.slice(dir.length + 1), text: readFileSync(path, 'utf8') }
    })
}
