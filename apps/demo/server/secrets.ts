import { randomBytes } from 'node:crypto'
import { chmodSync, mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { ConfigError } from './config'

/** The data directory, readable by this user only. */
export function ensureDataDir(dataDir: string): void {
  mkdirSync(dataDir, { recursive: true, mode: 0o700 })
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
  try {
    writeFileSync(file, `${randomBytes(32).toString('base64')}\n`, { mode: 0o600, flag: 'wx' })
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error
  }
  // A copy or an editor may have widened it: the key protects every stored token.
  if ((statSync(file).mode & 0o077) !== 0) chmodSync(file, 0o600)
  const secret = readFileSync(file, 'utf8').trim()
  try {
    check(secret)
  } catch (error) {
    throw new ConfigError(
      `${file} does not hold a usable secret (${error instanceof Error ? error.message : error}); delete it to generate a new one.`,
    )
  }
  return secret
}
