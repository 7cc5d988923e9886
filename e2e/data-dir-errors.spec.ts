import { spawnSync } from 'node:child_process'
import { mkdirSync, rmSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { freshDataDir, root, serverFile } from './demo-server'
import { expect, test } from './fixtures'

// A data directory the demo cannot use (a file where its store folder belongs, a folder where a
// key file belongs): `npm start` printed "The demo could not start:" and a Node stack trace.
for (const [label, name, spoil] of [
  ['a file where the store folder belongs', 'store', (path: string) => writeFileSync(path, 'x')],
  [
    'a folder where the session key belongs',
    'session-secret.key',
    (path: string) => mkdirSync(path),
  ],
] as const) {
  test(`data directory with ${label}: one line naming the path, exit 1, no stack trace`, () => {
    const dataDir = freshDataDir()
    try {
      spoil(join(dataDir, name))
      const run = spawnSync(process.execPath, [serverFile], {
        cwd: root,
        env: { ...process.env, PORT: '0', DATA_DIR: dataDir },
        encoding: 'utf8',
        timeout: 15_000,
      })
      expect(run.status).toBe(1)
      expect(run.stderr).toContain(`✖ The demo could not use ${join(dataDir, name)}`)
      expect(run.stderr).toContain('DATA_DIR')
      expect(run.stderr).not.toMatch(/^\s+at /m)
      expect(run.stdout).not.toContain('Pelm Connect demo:')
    } finally {
      rmSync(dataDir, { recursive: true, force: true })
    }
  })
}

// Redis at an address where nothing answers: the demo stayed "Starting…" for ever while ioredis
// printed "Unhandled error event" and a stack trace at each retry.
test('REDIS_URL where nothing answers: one line naming it, exit 1, no stack trace', () => {
  const dataDir = freshDataDir()
  try {
    const run = spawnSync(process.execPath, [serverFile], {
      cwd: root,
      env: { ...process.env, PORT: '0', DATA_DIR: dataDir, REDIS_URL: 'redis://127.0.0.1:1' },
      encoding: 'utf8',
      timeout: 20_000,
    })
    expect(run.status).toBe(1)
    expect(run.stderr).toContain('✖ REDIS_URL: redis://127.0.0.1:1 did not answer within 5 s')
    expect(run.stderr).not.toContain('Unhandled error event')
    expect(run.stderr).not.toMatch(/^\s+at /m)
  } finally {
    rmSync(dataDir, { recursive: true, force: true })
  }
})
