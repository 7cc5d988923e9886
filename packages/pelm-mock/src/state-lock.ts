import { closeSync, mkdirSync, openSync, readFileSync, rmSync, writeSync } from 'node:fs'
import { dirname } from 'node:path'
import { hasErrorCode } from './errno'

/** Whether a process with this id runs (EPERM: it does, under another user). */
function isRunning(pid: number): boolean {
  if (!Number.isSafeInteger(pid) || pid <= 0) return false
  try {
    process.kill(pid, 0)
    return true
  } catch (error) {
    return hasErrorCode(error, 'EPERM')
  }
}

/**
 * Claims a state file for this process with `FILE.lock` (holding its process id), so two CLI
 * sandboxes never overwrite each other's Users in one file. A lock whose process is gone (killed
 * with SIGKILL) is taken over. Gives the function that releases it; throws naming the process
 * that holds it.
 */
export function claimStateFile(path: string): () => void {
  const lock = `${path}.lock`
  mkdirSync(dirname(path), { recursive: true })
  for (;;) {
    try {
      const fd = openSync(lock, 'wx')
      writeSync(fd, String(process.pid))
      closeSync(fd)
      return () => rmSync(lock, { force: true })
    } catch (error) {
      if (!hasErrorCode(error, 'EEXIST')) throw error
    }
    const holder = Number(readFileSync(lock, 'utf8'))
    if (isRunning(holder)) {
      throw new Error(
        `${path} is in use by another pelm-mock (process ${holder}); give each sandbox its own state file`,
      )
    }
    rmSync(lock, { force: true })
  }
}
