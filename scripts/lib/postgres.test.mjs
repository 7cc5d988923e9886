// `node --test scripts/`: the throwaway PostgreSQL server starts, answers SQL, and leaves nothing
// behind when stopped.
import assert from 'node:assert/strict'
import { execFile } from 'node:child_process'
import { existsSync } from 'node:fs'
import { connect } from 'node:net'
import { join } from 'node:path'
import { test } from 'node:test'
import { promisify } from 'node:util'
import { postgresBinDir, startPostgres } from './postgres.mjs'

const execFileAsync = promisify(execFile)

function accepts(port) {
  return new Promise((resolve) => {
    const socket = connect(port, '127.0.0.1')
    socket.once('connect', () => {
      socket.end()
      resolve(true)
    })
    socket.once('error', () => resolve(false))
  })
}

test('startPostgres serves SQL on its URL, and stop() shuts it down and removes its folder', {
  skip: postgresBinDir() ? false : 'PostgreSQL is not installed (npm test installs it)',
}, async () => {
  const pg = await startPostgres()
  try {
    const psql = join(postgresBinDir(), 'psql')
    const { stdout } = await execFileAsync(psql, [pg.url, '-Atc', 'select 6 * 7'])
    assert.equal(stdout.trim(), '42')
    assert.match(pg.url, /^postgres:\/\/postgres@127\.0\.0\.1:\d+\/postgres$/)
  } finally {
    await pg.stop()
  }
  assert.equal(await accepts(pg.port), false, 'the port still accepts connections after stop()')
  assert.equal(existsSync(pg.dir), false, 'the cluster folder is still there after stop()')
})
