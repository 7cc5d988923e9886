// Set-up shared by `npm start`, `npm test` and the other root commands: on a machine with only
// Node and npm it installs the pinned pnpm, the workspace dependencies (frozen lockfile) and,
// when asked, Debian's Chromium, Firefox ESR, Redis and PostgreSQL. Each step is skipped when
// what it installs is already there.
import { spawnSync } from 'node:child_process'
import { createHash } from 'node:crypto'
import { existsSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { delimiter, dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { chromiumPath } from './chromium.mjs'
import { firefoxPath } from './firefox.mjs'
import { postgresBinDir } from './postgres.mjs'

export { chromiumArgs, chromiumPath } from './chromium.mjs'
export { firefoxPath } from './firefox.mjs'
export { postgresBinDir, startPostgres } from './postgres.mjs'

export const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..')
const rootManifest = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'))
const pnpmVersion = rootManifest.packageManager.split('@')[1]
const toolsDir = join(root, '.tools')
const stampFile = join(root, 'node_modules', '.install-stamp')

export const env = {
  ...process.env,
  PATH: [
    join(root, 'node_modules', '.bin'),
    join(toolsDir, 'node_modules', '.bin'),
    process.env.PATH,
  ]
    .filter(Boolean)
    .join(delimiter),
}

export function log(message) {
  console.log(`\x1b[36m›\x1b[0m ${message}`)
}

/** Runs a command with inherited output; returns its exit code. */
export function run(command, args, options = {}) {
  const result = spawnSync(command, args, { cwd: root, env, stdio: 'inherit', ...options })
  if (result.error) throw result.error
  return result.status ?? 1
}

function must(command, args, options) {
  const code = run(command, args, options)
  if (code !== 0) {
    console.error(`\n✖ \`${command} ${args.join(' ')}\` failed with exit code ${code}`)
    process.exit(code)
  }
}

function versionOf(command) {
  const result = spawnSync(command, ['--version'], { env, encoding: 'utf8' })
  return result.status === 0 ? result.stdout.trim() : undefined
}

/** The pinned pnpm: the one on PATH when it is that version, otherwise a copy under .tools/. */
export function ensurePnpm() {
  if (versionOf('pnpm') === pnpmVersion) return 'pnpm'
  log(`installing pnpm ${pnpmVersion} into .tools/`)
  must('npm', [
    'install',
    '--prefix',
    toolsDir,
    '--no-save',
    '--no-audit',
    '--no-fund',
    '--loglevel=error',
    `pnpm@${pnpmVersion}`,
  ])
  if (versionOf('pnpm') !== pnpmVersion) {
    console.error(`✖ pnpm ${pnpmVersion} is still not runnable after installing it into .tools/`)
    process.exit(1)
  }
  return 'pnpm'
}

function workspaceManifests() {
  const files = ['package.json', 'pnpm-lock.yaml', 'pnpm-workspace.yaml']
  for (const group of ['packages', 'apps', 'examples']) {
    const dir = join(root, group)
    if (!existsSync(dir)) continue
    for (const name of readdirSync(dir).sort()) {
      const manifest = join(group, name, 'package.json')
      if (existsSync(join(root, manifest))) files.push(manifest)
    }
  }
  return files
}

function installFingerprint() {
  const hash = createHash('sha256')
  for (const file of workspaceManifests()) {
    const path = join(root, file)
    hash.update(`${file}\0${existsSync(path) ? readFileSync(path) : ''}\0`)
  }
  return hash.digest('hex')
}

/** Installs the workspace from the lockfile when node_modules is missing or older than it. */
export function ensureDependencies() {
  const pnpm = ensurePnpm()
  const fingerprint = installFingerprint()
  if (existsSync(stampFile) && readFileSync(stampFile, 'utf8') === fingerprint) return
  log('installing dependencies (pnpm install --frozen-lockfile)')
  must(pnpm, ['install', '--frozen-lockfile', '--reporter=append-only'])
  writeFileSync(stampFile, fingerprint)
}

// Debian packages the tests need, each with how to tell it is already there. Every check is
// cheap, so each step is skipped when its program is installed.
const systemPackages = {
  chromium: {
    apt: 'chromium',
    installed: () => existsSync(chromiumPath),
    hint: `Chromium is not at ${chromiumPath}; set CHROMIUM_PATH to a Chromium binary`,
  },
  firefox: {
    apt: 'firefox-esr',
    installed: () => existsSync(firefoxPath),
    hint: `Firefox is not at ${firefoxPath}; set FIREFOX_PATH to a Firefox binary`,
    noRecommends: true,
  },
  redis: {
    apt: 'redis-server',
    installed: () => spawnSync('redis-server', ['--version'], { env }).status === 0,
    hint: 'redis-server is still not runnable after installing it',
    noRecommends: true,
  },
  // the e2e TLS proxy makes its self-signed certificate with the openssl command
  openssl: {
    apt: 'openssl',
    installed: () => spawnSync('openssl', ['version'], { env }).status === 0,
    hint: 'openssl is still not runnable after installing it',
    noRecommends: true,
  },
  postgres: {
    apt: 'postgresql',
    installed: () => postgresBinDir() !== undefined,
    hint: 'PostgreSQL is not under /usr/lib/postgresql/*/bin; set POSTGRES_BIN_DIR to its binaries',
    noRecommends: true,
  },
}

let aptUpdated = false

/** Runs apt-get (through sudo unless root); returns its exit code. */
function aptGet(args) {
  const aptEnv = { ...env, DEBIAN_FRONTEND: 'noninteractive' }
  const [command, ...prefix] = process.getuid?.() === 0 ? ['apt-get'] : ['sudo', 'apt-get']
  const code = run(command, [...prefix, ...args], { env: aptEnv })
  if (code !== 0) console.error(`\n✖ \`apt-get ${args.join(' ')}\` failed with exit code ${code}`)
  return code
}

const policyRcD = '/usr/sbin/policy-rc.d'

/**
 * Runs `install` with services forbidden to start (Debian's policy-rc.d, exit 101), so that
 * installing redis-server or postgresql leaves no server running: tests start their own. Docker
 * images already ship such a file; elsewhere (as root) one is written for the install only.
 */
function withoutServiceStarts(install) {
  if (existsSync(policyRcD) || process.getuid?.() !== 0) return install()
  writeFileSync(policyRcD, '#!/bin/sh\nexit 101\n', { mode: 0o755 })
  try {
    return install()
  } finally {
    rmSync(policyRcD, { force: true })
  }
}

/**
 * Installs the missing ones of the named Debian packages (`chromium`, `firefox`, `redis`,
 * `openssl`, `postgres`) with one `apt-get update` per run, and starts no server.
 */
export function ensureSystemPackages(names) {
  const missing = names.map((name) => systemPackages[name]).filter((pkg) => !pkg.installed())
  if (missing.length === 0) return
  log(`installing from Debian packages: ${missing.map((pkg) => pkg.apt).join(', ')}`)
  if (!aptUpdated) {
    if (aptGet(['update', '-qq']) !== 0) process.exit(1)
    aptUpdated = true
  }
  // Chromium keeps its recommended packages (fonts the screenshots rely on); the rest do without
  const failed = withoutServiceStarts(() =>
    [false, true].some((noRecommends) => {
      const group = missing.filter((pkg) => Boolean(pkg.noRecommends) === noRecommends)
      if (group.length === 0) return false
      const flags = noRecommends ? ['--no-install-recommends'] : []
      return aptGet(['install', '-y', '-qq', ...flags, ...group.map((pkg) => pkg.apt)]) !== 0
    }),
  )
  if (failed) process.exit(1)
  for (const pkg of missing) {
    if (!pkg.installed()) {
      console.error(`✖ ${pkg.hint}`)
      process.exit(1)
    }
  }
}

/** Debian's Chromium for browser tests; Playwright cannot download its own browser here. */
export function ensureChromium() {
  ensureSystemPackages(['chromium'])
  return chromiumPath
}

/** Debian's Firefox ESR, for the flows that also run in Firefox (over WebDriver BiDi). */
export function ensureFirefox() {
  ensureSystemPackages(['firefox'])
  return firefoxPath
}

/** Debian's `redis-server`, for the tests that need a real Redis; each test starts its own. */
export function ensureRedis() {
  ensureSystemPackages(['redis'])
  return 'redis-server'
}

/**
 * Debian's PostgreSQL server binaries; each test starts its own server with `startPostgres()`
 * from scripts/lib/postgres.mjs. Returns their folder.
 */
export function ensurePostgres() {
  ensureSystemPackages(['postgres'])
  return postgresBinDir()
}
