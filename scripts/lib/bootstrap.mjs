// Set-up shared by `npm start`, `npm test` and the other root commands: on a machine with only
// Node and npm it installs the pinned pnpm, the workspace dependencies (frozen lockfile) and,
// when asked, Debian's Chromium. Each step is skipped when what it installs is already there.
import { spawnSync } from 'node:child_process'
import { createHash } from 'node:crypto'
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs'
import { delimiter, dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { chromiumPath } from './chromium.mjs'

export { chromiumArgs, chromiumPath } from './chromium.mjs'

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

/** Debian's Chromium for browser tests; Playwright cannot download its own browser here. */
export function ensureChromium() {
  if (existsSync(chromiumPath)) return chromiumPath
  log('installing Chromium from Debian packages (apt-get install chromium)')
  const aptEnv = { ...env, DEBIAN_FRONTEND: 'noninteractive' }
  const [command, ...prefix] = process.getuid?.() === 0 ? ['apt-get'] : ['sudo', 'apt-get']
  must(command, [...prefix, 'update', '-qq'], { env: aptEnv })
  must(command, [...prefix, 'install', '-y', '-qq', 'chromium'], { env: aptEnv })
  if (!existsSync(chromiumPath)) {
    console.error(`✖ Chromium is not at ${chromiumPath}; set CHROMIUM_PATH to a Chromium binary`)
    process.exit(1)
  }
  return chromiumPath
}

/** Debian's `redis-server`, for the tests that need a real Redis; each test starts its own. */
export function ensureRedis() {
  const found = spawnSync('redis-server', ['--version'], { env, encoding: 'utf8' })
  if (found.status === 0) return 'redis-server'
  log('installing Redis from Debian packages (apt-get install redis-server)')
  const aptEnv = { ...env, DEBIAN_FRONTEND: 'noninteractive' }
  const [command, ...prefix] = process.getuid?.() === 0 ? ['apt-get'] : ['sudo', 'apt-get']
  must(command, [...prefix, 'update', '-qq'], { env: aptEnv })
  must(command, [...prefix, 'install', '-y', '-qq', '--no-install-recommends', 'redis-server'], {
    env: aptEnv,
  })
  if (spawnSync('redis-server', ['--version'], { env }).status !== 0) {
    console.error('✖ redis-server is still not runnable after installing it')
    process.exit(1)
  }
  return 'redis-server'
}
