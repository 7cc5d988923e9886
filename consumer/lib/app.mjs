// Generates the consumer app: the template (a Vite React TS app with strict TypeScript and a
// Hono server on Node), the README blocks written over it, and the packed libraries as `file:`
// dependencies, the way `npm install ./pkg.tgz` records them.
import { cpSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import { delimiter, dirname, join, posix, sep } from 'node:path'
import { fileURLToPath } from 'node:url'
import { root } from '../../scripts/lib/bootstrap.mjs'

export const templateDir = fileURLToPath(new URL('../template', import.meta.url))

/** The files the runner starts from: the server it runs and the page index.html loads. */
export const entryFiles = ['server/index.ts', 'src/main.tsx']

/** Which package's README is expected to hold the block for a file under each folder. */
const expectedReadme = { server: '@acme/pelm-server', src: '@acme/pelm-react' }

const importPattern = /(?:\bfrom|\bimport)\s*\(?\s*['"](\.{1,2}\/[^'"]+)['"]/g

function resolveImport(appDir, importer, specifier) {
  const base = posix.join(posix.dirname(importer), specifier).replace(/\.js$/, '')
  return [base, `${base}.ts`, `${base}.tsx`, `${base}/index.ts`, `${base}/index.tsx`].find(
    (candidate) => /\.tsx?$/.test(candidate) && existsSync(join(appDir, candidate)),
  )
}

/**
 * Every entry file and every relative import reachable from them that the app lacks, each as
 * a message saying which README marker would provide it.
 */
export function missingAppFiles(appDir) {
  const problems = []
  const seen = new Set()
  const queue = []
  for (const entry of entryFiles) {
    if (existsSync(join(appDir, entry))) queue.push(entry)
    else {
      const readme = expectedReadme[entry.split('/')[0]]
      problems.push(
        `no README block is marked <!-- consumer: ${entry} --> (expected in ${readme}'s README), and the template has no ${entry}`,
      )
    }
  }
  while (queue.length > 0) {
    const file = queue.shift()
    if (seen.has(file)) continue
    seen.add(file)
    for (const [, specifier] of readFileSync(join(appDir, file), 'utf8').matchAll(importPattern)) {
      const resolved = resolveImport(appDir, file, specifier)
      if (resolved) {
        queue.push(resolved)
        continue
      }
      const wanted = posix.join(posix.dirname(file), specifier).replace(/\.js$/, '')
      const extension = file.endsWith('.tsx') ? '.tsx' : '.ts'
      const readme = expectedReadme[wanted.split('/')[0]] ?? 'a package'
      problems.push(
        `${file} imports '${specifier}', which no README provides: mark its block <!-- consumer: ${wanted}${extension} --> (expected in ${readme}'s README)`,
      )
    }
  }
  return problems
}

/**
 * Writes the app into `appDir`: the template, then each README block (`blocks`: a Map by file)
 * over it, then the tarballs (`{ name: path }`) as dependencies. Returns the template files the
 * READMEs replaced.
 */
export function writeApp(appDir, { blocks, tarballs }) {
  cpSync(templateDir, appDir, { recursive: true })
  const replaced = []
  for (const [file, block] of blocks) {
    const target = join(appDir, file)
    if (existsSync(target)) replaced.push(file)
    mkdirSync(dirname(target), { recursive: true })
    writeFileSync(target, block.code)
  }
  const manifestPath = join(appDir, 'package.json')
  const manifest = JSON.parse(readFileSync(manifestPath, 'utf8'))
  for (const [name, tarball] of Object.entries(tarballs)) {
    manifest.dependencies[name] = `file:${tarball}`
  }
  writeFileSync(manifestPath, `${JSON.stringify(manifest, null, 2)}\n`)
  return replaced
}

/** Writes the app's .env, as a user would from `pelm-mock --env` and their own secrets. */
export function writeEnvFile(appDir, settings) {
  const lines = Object.entries(settings).map(([key, value]) => `${key}=${value}`)
  writeFileSync(join(appDir, '.env'), `${lines.join('\n')}\n`)
}

/**
 * The app's environment: the user's, without npm's run-script variables and without the
 * workspace's tools on PATH, so the app finds only its own (node_modules/.bin first).
 */
export function appEnvironment(appDir) {
  const env = Object.fromEntries(
    Object.entries(process.env).filter(
      ([key]) => !key.startsWith('npm_') || /^npm_config_(cache|registry|userconfig)$/.test(key),
    ),
  )
  const inWorkspace = (dir) => dir === root || dir.startsWith(`${root}${sep}`)
  const path = (process.env.PATH ?? '').split(delimiter).filter((dir) => dir && !inWorkspace(dir))
  env.PATH = [join(appDir, 'node_modules', '.bin'), ...path].join(delimiter)
  return env
}
