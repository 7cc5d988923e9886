// The published libraries as their users get them: the workspace's public packages, packed
// with pnpm (which turns `workspace:` ranges into versions, as `pnpm publish` does), and what
// their tarballs hold. Shared by scripts/check-packages.mjs and the consumer test.
import { spawnSync } from 'node:child_process'
import { existsSync, readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { env, root } from './bootstrap.mjs'

/** Every package under packages/ that is not private: `{ name, version, dir, manifest }`. */
export function publishedPackages() {
  const packagesDir = join(root, 'packages')
  return readdirSync(packagesDir)
    .sort()
    .map((folder) => join(packagesDir, folder))
    .filter((dir) => existsSync(join(dir, 'package.json')))
    .map((dir) => {
      const manifest = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8'))
      return { name: manifest.name, version: manifest.version, dir, manifest }
    })
    .filter((pkg) => !pkg.manifest.private)
}

/**
 * `pnpm pack`s a package into `destination`; returns `{ tarball, files }`, `files` being the
 * paths inside the package (`dist/index.js`, `package.json`, …). Throws with pnpm's output.
 */
export function packPackage(pkg, destination) {
  const result = spawnSync('pnpm', ['pack', '--json', '--pack-destination', destination], {
    cwd: pkg.dir,
    env,
    encoding: 'utf8',
  })
  if (result.status !== 0) {
    throw new Error(`pnpm pack of ${pkg.name} failed:\n${result.stdout}${result.stderr}`)
  }
  const packed = JSON.parse(result.stdout.slice(result.stdout.indexOf('{')))
  return { tarball: packed.filename, files: packed.files.map((file) => file.path) }
}

/** The text of one file of a tarball made by {@link packPackage}, e.g. `README.md`. */
export function readPackedFile(tarball, path) {
  const result = spawnSync('tar', ['-xzOf', tarball, `package/${path}`], { encoding: 'utf8' })
  if (result.status !== 0) throw new Error(`${tarball} has no ${path}: ${result.stderr.trim()}`)
  return result.stdout
}

/** Every file path the manifest points at, with where: `[{ path, field }]`. */
export function manifestTargets(manifest) {
  const targets = []
  const walk = (value, field) => {
    if (typeof value === 'string') targets.push({ path: value, field })
    else if (value && typeof value === 'object') {
      for (const [key, inner] of Object.entries(value))
        walk(inner, `${field}[${JSON.stringify(key)}]`)
    }
  }
  for (const field of ['main', 'module', 'types', 'typings', 'exports', 'bin']) {
    walk(manifest[field], field)
  }
  return targets
    .filter((target) => !target.path.includes('*'))
    .map((target) => ({ ...target, path: target.path.replace(/^\.\//, '') }))
}

/**
 * What a tarball misses: every file the manifest points at (exports, bin, types…), plus the
 * README and the LICENSE. Returns messages; none when complete.
 */
export function missingPackedFiles(pkg, files) {
  const packed = new Set(files)
  const problems = manifestTargets(pkg.manifest)
    .filter((target) => !packed.has(target.path))
    .map((target) => `${target.path} (named by ${target.field})`)
  for (const required of ['README.md', 'LICENSE']) {
    if (!packed.has(required)) problems.push(`${required} (every package ships one)`)
  }
  return problems.map((problem) => `${pkg.name}'s tarball misses ${problem}`)
}

/**
 * The import specifiers of every entry point of a package (`@acme/pelm-server`,
 * `@acme/pelm-server/hono`, …), from its `exports` map; `./package.json` and patterns left out.
 */
export function entrySpecifiers(manifest) {
  const exportsField = manifest.exports
  if (exportsField === undefined) return [manifest.name]
  const subpaths =
    typeof exportsField === 'string' ||
    !Object.keys(exportsField).some((key) => key.startsWith('.'))
      ? ['.']
      : Object.keys(exportsField)
  return subpaths
    .filter((subpath) => subpath !== './package.json' && !subpath.includes('*'))
    .map((subpath) => (subpath === '.' ? manifest.name : `${manifest.name}${subpath.slice(1)}`))
}

/** Dependencies that must be peers: an app mounts our Hono apps inside its own Hono. */
const mustBePeers = ['hono']

/**
 * What is wrong in a published manifest beyond what publint checks: exact pins in
 * `dependencies` (npm then installs a second copy beside the app's), a framework the app shares
 * with us outside `peerDependencies`, and a missing license or repository. Returns messages.
 */
export function manifestProblems(manifest) {
  const problems = []
  for (const [name, range] of Object.entries(manifest.dependencies ?? {})) {
    if (mustBePeers.includes(name)) {
      problems.push(
        `${name} is in dependencies: make it a peerDependency, so an app mounting our Hono app shares its copy`,
      )
    } else if (/^\d+\.\d+\.\d+(-[\w.]+)?$/.test(range)) {
      problems.push(`dependencies pin ${name} to ${range} exactly: use a range such as ^${range}`)
    }
  }
  if (manifest.license !== 'MIT') problems.push(`license is ${manifest.license}, not MIT`)
  if (!manifest.repository?.url)
    problems.push('repository is missing (npm links the package page to it)')
  return problems
}
