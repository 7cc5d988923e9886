import { randomBytes } from 'node:crypto'
import { mkdir, rename, writeFile } from 'node:fs/promises'
import { dirname, join, resolve } from 'node:path'
import type { Driver } from 'unstorage'
import fsDriver from 'unstorage/drivers/fs-lite'

/**
 * unstorage's `fs-lite` driver, but every write goes to a temporary file first and is renamed
 * into place. `fs-lite` writes in place, and two writes of one key at once (a status check and an
 * exchange renewing the same connection) can interleave and leave a broken file; a rename is
 * atomic, so a reader sees one whole record or the other. Temporary files live in `tmpDir`
 * (same file system, outside `base`, so listing keys never meets them).
 *
 * @example
 * ```ts
 * createStorage({ driver: atomicFsDriver({ base: '.data/store', tmpDir: '.data/tmp' }) })
 * ```
 */
export function atomicFsDriver(options: { base: string; tmpDir: string }): Driver {
  const base = resolve(options.base)
  const lite = fsDriver({ base })
  const write = async (key: string, value: string | Uint8Array) => {
    if (/\.\.:|\.\.$/.test(key))
      throw new Error(`Invalid key ${JSON.stringify(key)}: no .. segments`)
    const file = join(base, key.replace(/:/g, '/'))
    const temporary = join(options.tmpDir, `${randomBytes(8).toString('hex')}.tmp`)
    await mkdir(options.tmpDir, { recursive: true, mode: 0o700 })
    await mkdir(dirname(file), { recursive: true, mode: 0o700 })
    await writeFile(temporary, value, { mode: 0o600 })
    await rename(temporary, file)
  }
  return {
    ...lite,
    name: 'fs-atomic',
    setItem: (key: string, value: string) => write(key, value),
    setItemRaw: (key: string, value: Uint8Array) => write(key, value),
  }
}
