import { mkdirSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { ConfigError } from './config'
import { ensureDataDir, loadOrCreateSecret } from './secrets'
import { tempDir } from './test-support'

describe('a data directory the demo cannot use', () => {
  it('a folder where a key file belongs: a ConfigError naming the file (no bare EISDIR)', () => {
    const dataDir = tempDir()
    mkdirSync(join(dataDir, 'session-secret.key'))
    expect(() => loadOrCreateSecret(dataDir, 'session-secret.key')).toThrow(
      new ConfigError(
        `The demo could not use ${join(dataDir, 'session-secret.key')} (a folder is there, not a file): fix or remove it, or set DATA_DIR to another directory.`,
      ),
    )
  })

  it('a file where the data directory belongs: a ConfigError naming it (no bare EEXIST)', () => {
    const file = join(tempDir(), 'data')
    writeFileSync(file, 'x')
    expect(() => ensureDataDir(file)).toThrow(ConfigError)
    expect(() => ensureDataDir(file)).toThrow(`The demo could not use ${file} (a file is there`)
  })
})
