import { randomBytes } from 'node:crypto'
import { chmodSync, mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'

/** The data directory, readable by this user only. */
export function ensureDataDir(dataDir: string): void {
  mkdirSync(dataDir, { recursive: true, mode: 0o700 })
}

/**
 * A secret kept in `dataDir/<name>`: read when the file exists, otherwise 32 random bytes
 * (base64) written with mode 0600. `wx` makes two processes starting at once agree on one value.
 */
export function loadOrCreateSecret(dataDir: string, name: string): string {
  const file = join(dataDir, name)
  ensureDataDir(dataDir)
  try {
    writeFileSync(file, `${randomBytes(32).toString('base64')}\n`, { mode: 0o600, flag: 'wx' })
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error
  }
  // A copy or an editor may have widened it: the key protects every stored token.
  if ((statSync(file).mode & 0o077) !== 0) chmodSync(file, 0o600)
  const secret = readFileSync(file, 'utf8').trim()
  if (Buffer.from(secret, 'base64').length !== 32) {
    throw new Error(`${file} does not hold a base64 32-byte key; delete it to generate a new one.`)
  }
  return secret
}
