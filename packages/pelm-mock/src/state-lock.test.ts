import { spawnSync } from 'node:child_process'
import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { claimStateFile } from './state-lock'

let dir: string
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'pelm-mock-lock-'))
})
afterEach(async () => {
  await rm(dir, { recursive: true, force: true })
})

describe('claimStateFile', () => {
  it('writes the process id next to the file, refuses a second claim, and releases', async () => {
    const path = join(dir, 'data', 'sandbox.json')
    const release = claimStateFile(path)
    expect(await readFile(`${path}.lock`, 'utf8')).toBe(String(process.pid))
    expect(() => claimStateFile(path)).toThrow(
      `${path} is in use by another pelm-mock (process ${process.pid})`,
    )
    release()
    expect(await readdir(join(dir, 'data'))).toEqual([])
  })

  it('takes over the lock of a process that is gone (killed with SIGKILL)', async () => {
    const path = join(dir, 'sandbox.json')
    const gone = spawnSync(process.execPath, ['-e', '']).pid
    await writeFile(`${path}.lock`, String(gone))
    const release = claimStateFile(path)
    expect(await readFile(`${path}.lock`, 'utf8')).toBe(String(process.pid))
    release()
  })
})
