// A throwaway PostgreSQL server for tests, from Debian's `postgresql` package (which `npm test`
// installs when it is missing; scripts/lib/bootstrap.mjs). Each test starts its own on a free
// port on 127.0.0.1 and stops it at the end. The server refuses to run as root, so as root the
// cluster belongs to the `postgres` user that the Debian package creates.
import { execFile } from 'node:child_process'
import { existsSync, readdirSync, readFileSync } from 'node:fs'
import { mkdir, mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { promisify } from 'node:util'
import { freePort } from './free-port.mjs'

const execFileAsync = promisify(execFile)
const installRoot = '/usr/lib/postgresql'

/**
 * The folder of the PostgreSQL server binaries: `POSTGRES_BIN_DIR`, or the newest
 * `/usr/lib/postgresql/<version>/bin`; `undefined` when PostgreSQL is not installed.
 */
export function postgresBinDir() {
  if (process.env.POSTGRES_BIN_DIR) return process.env.POSTGRES_BIN_DIR
  if (!existsSync(installRoot)) return undefined
  const versions = readdirSync(installRoot)
    .filter((name) => /^\d+$/.test(name) && existsSync(join(installRoot, name, 'bin', 'pg_ctl')))
    .sort((a, b) => Number(b) - Number(a))
  return versions.length > 0 ? join(installRoot, versions[0], 'bin') : undefined
}

/**
 * Starts a fresh PostgreSQL server (about 2 s): a new cluster in `dir` (default: a new folder
 * under the system temp folder), trust authentication for the `postgres` user, listening on
 * 127.0.0.1:`port` (default: a free port) and a Unix socket in `dir`. `stop()` shuts it down
 * and removes `dir`; `restart()` ends every connection and starts it again, as a failover does.
 *
 * @example
 * ```js
 * import { startPostgres } from '../scripts/lib/postgres.mjs'
 *
 * const pg = await startPostgres()
 * // connect with pg.url: postgres://postgres@127.0.0.1:PORT/postgres
 * await pg.stop()
 * ```
 */
export async function startPostgres({ dir, port } = {}) {
  const bin = postgresBinDir()
  if (!bin) {
    throw new Error(
      'PostgreSQL is not installed: run `npm test` (it installs Debian’s postgresql package) or ' +
        '`apt-get install -y postgresql`, or set POSTGRES_BIN_DIR to a folder holding pg_ctl',
    )
  }
  const base = dir ?? (await mkdtemp(join(tmpdir(), 'pelm-postgres-')))
  await mkdir(base, { recursive: true })
  const listenPort = port ?? (await freePort())
  const data = join(base, 'data')
  const logFile = join(base, 'server.log')
  const asRoot = process.getuid?.() === 0
  const postgres = (tool, args) =>
    asRoot
      ? execFileAsync('runuser', ['-u', 'postgres', '--', join(bin, tool), ...args])
      : execFileAsync(join(bin, tool), args)
  const serverOptions = [
    `-p ${listenPort}`,
    `-k ${base}`,
    '-c listen_addresses=127.0.0.1',
    // a throwaway cluster: durability only costs time here
    '-c fsync=off',
    '-c synchronous_commit=off',
    '-c full_page_writes=off',
  ].join(' ')
  const stop = async () => {
    if (existsSync(join(data, 'postmaster.pid'))) {
      await postgres('pg_ctl', ['-D', data, '-m', 'fast', '-w', 'stop'])
    }
    await rm(base, { recursive: true, force: true })
  }
  try {
    if (asRoot) await execFileAsync('chown', ['postgres:postgres', base])
    await postgres('initdb', [
      '-D',
      data,
      '-A',
      'trust',
      '-U',
      'postgres',
      '--no-sync',
      '-E',
      'UTF8',
    ])
    await postgres('pg_ctl', ['-D', data, '-o', serverOptions, '-l', logFile, '-w', 'start'])
  } catch (error) {
    const log = existsSync(logFile) ? readFileSync(logFile, 'utf8').trim() : ''
    await stop().catch(() => {})
    throw new Error(
      `PostgreSQL did not start in ${base} on port ${listenPort}: ${error.stderr || error.message}` +
        (log ? `\nserver log:\n${log}` : ''),
      { cause: error },
    )
  }
  // As an upgrade or a failover does: the server ends every connection, then takes new ones.
  const restart = () =>
    postgres('pg_ctl', ['-D', data, '-l', logFile, '-m', 'fast', '-w', 'restart']).then(() => {})
  return {
    url: `postgres://postgres@127.0.0.1:${listenPort}/postgres`,
    port: listenPort,
    dir: base,
    stop,
    restart,
  }
}
