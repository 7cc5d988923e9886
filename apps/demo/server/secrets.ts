import { randomBytes } from 'node:crypto'
import { chmodSync, mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { ConfigError } from './config'

const FILE_PROBLEMS = new Map([
  ['EEXIST', 'a file is there, not a folder'],
  ['ENOTDIR', 'a file is where a folder belongs'],
  ['EISDIR', 'a folder is there, not a file'],
  ['EACCES', 'permission denied'],
  ['EPERM', 'operation not permitted'],
  ['EROFS', 'the file system is read-only'],
  ['ENOSPC', 'the disk is full'],
])

/**
 * Runs a file operation on the data directory; a failure becomes a {@link ConfigError} naming
 * the path and what to do, so `npm start` prints one line instead of a stack trace.
 */
function onDataPath<T>(path: string, operation: () => T): T {
  try {
    return operation()
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code
    if (code === undefined) throw error
    throw new ConfigError(
      `The demo could not use ${path} (${FILE_PROBLEMS.get(code) ?? code}): fix or remove it, or set DATA_DIR to another directory.`,
    )
  }
}

/** The data directory, readable by this user only. */
export function ensureDataDir(dataDir: string): void {
  onDataPath(dataDir, () => mkdirSync(dataDir, { recursive: true, mode: 0o700 }))
}

/**
 * A secret kept in `dataDir/<name>`: read when the file exists, otherwise 32 random bytes
 * (base64) written with mode 0600. `wx` makes two processes starting at once agree on one value.
 * `check` throws when a file someone edited no longer holds a usable secret.
 */
export function loadOrCreateSecret(
  dataDir: string,
  name: string,
  check: (secret: string) => void = () => {},
): string {
  const file = join(dataDir, name)
  ensureDataDir(dataDir)
  const secret = onDataPath(file, () => {
    try {
      writeFileSync(file, `${randomBytes(32).toString('base64')}\n`, { mode: 0o600, flag: 'wx' })
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error
    }
    // A copy or an editor may have widened it: the key protects every stored token.
    if ((statSync(file).mode & 0o077) !== 0) chmodSync(file, 0o600)
    return readFileSync(file, 'utf8').trim()
  })
  try {
    check(secret)
  } catch (error) {
    throw new ConfigError(
      `${file} does not hold a usable secret (${error instanceof Error ? error.message : error}); delete it to generate a new one.`,
    )
  }
  return secret
}
