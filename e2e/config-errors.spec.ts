import { spawnSync } from 'node:child_process'
import { rmSync } from 'node:fs'
import { freshDataDir, root, serverFile } from './demo-server'
import { expect, test } from './fixtures'

const KEY = Buffer.alloc(32, 7).toString('base64')

// Issue 18 item 6: keys Node's Buffer decodes but the connection store's decoder refuses. The
// server died with an uncaught TypeError and a stack trace instead of a configuration message.
for (const [label, key] of [
  ['a non-canonical last base64 character', `${KEY.slice(0, 42)}9=`],
  ['an embedded space', `${KEY.slice(0, 20)} ${KEY.slice(20)}`],
]) {
  test(`TOKEN_ENCRYPTION_KEY with ${label}: a message naming it, exit 1, no stack trace`, () => {
    const dataDir = freshDataDir()
    try {
      const run = spawnSync(process.execPath, [serverFile], {
        cwd: root,
        env: { ...process.env, PORT: '0', DATA_DIR: dataDir, TOKEN_ENCRYPTION_KEY: key as string },
        encoding: 'utf8',
        timeout: 15_000,
      })
      expect(run.status).toBe(1)
      expect(run.stderr).toContain('✖ TOKEN_ENCRYPTION_KEY: an encryption key must be 32 bytes')
      expect(run.stderr).toContain('see apps/demo/.env.example')
      expect(run.stderr).not.toMatch(/^\s+at /m)
      expect(run.stdout).not.toContain('Pelm Connect demo:')
    } finally {
      rmSync(dataDir, { recursive: true, force: true })
    }
  })
}
