// `npm run test:consumer` (the last step of `npm test`): the libraries as a new user gets them.
// Packs every library, generates a fresh Vite React + Hono app outside the workspace from
// consumer/template and the code blocks the package READMEs mark `<!-- consumer: FILE -->`,
// installs the tarballs with npm, loads every entry point (import and require), type-checks the
// app (strict), builds it, runs it against the installed `pelm-mock` CLI, and connects a utility
// in Chromium until the app lists the connection. Flags: --skip-build (dist/ as it is),
// --keep (keep the app folder), --readme FILE (also take marked blocks from FILE).
import { mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, relative, resolve } from 'node:path'
import { parseArgs } from 'node:util'
import { ensureChromium, ensureDependencies, log, root, run } from '../scripts/lib/bootstrap.mjs'
import { entryPointProblems } from '../scripts/lib/entry-points.mjs'
import {
  entrySpecifiers,
  missingPackedFiles,
  packPackage,
  publishedPackages,
  readPackedFile,
} from '../scripts/lib/packages.mjs'
import { appEnvironment, missingAppFiles, writeApp } from './lib/app.mjs'
import { connectInBrowser } from './lib/browser.mjs'
import { runQuietly } from './lib/processes.mjs'
import { collectReadmeBlocks, mapToReadmes } from './lib/readme-blocks.mjs'
import { formatReport, integrationSize, lineCountClaims } from './lib/report.mjs'
import { startServers } from './lib/servers.mjs'
import { ConsumerFailure, createSteps, fail } from './lib/steps.mjs'

const { values: flags } = parseArgs({
  options: {
    'skip-build': { type: 'boolean', default: false },
    keep: { type: 'boolean', default: false },
    readme: { type: 'string', multiple: true, default: [] },
  },
})

const { step, timings } = createSteps()

ensureDependencies()
ensureChromium()
const workDir = mkdtempSync(join(tmpdir(), 'pelm-consumer-'))
const appDir = join(workDir, 'app')
const env = appEnvironment(appDir)
const processes = []
let passed = false
const started = performance.now()
try {
  if (!flags['skip-build']) {
    await step('build the libraries', () => {
      if (run('pnpm', ['-r', '--filter', './packages/**', 'run', 'build']) !== 0) {
        fail('a library build failed (output above)')
      }
    })
  }

  const packed = await step('pack the libraries', () => {
    mkdirSync(join(workDir, 'tarballs'))
    return publishedPackages().map((pkg) => {
      const { tarball, files } = packPackage(pkg, join(workDir, 'tarballs'))
      const missing = missingPackedFiles(pkg, files)
      if (missing.length > 0) {
        fail(
          `${missing.join('\n')}\n(a build that did not run or a \`files\` entry that leaves it out)`,
        )
      }
      return { pkg, tarball }
    })
  })

  const { readmes, blocks } = await step('generate the app from the README blocks', () => {
    const readmes = [
      ...packed.map(({ pkg, tarball }) => ({
        markdown: readPackedFile(tarball, 'README.md'),
        source: relative(root, join(pkg.dir, 'README.md')),
      })),
      ...flags.readme.map((file) => ({
        markdown: readFileSync(resolve(file), 'utf8'),
        source: relative(root, resolve(file)),
      })),
    ]
    const blocks = collectReadmeBlocks(readmes)
    const tarballs = Object.fromEntries(packed.map(({ pkg, tarball }) => [pkg.name, tarball]))
    const replaced = writeApp(appDir, { blocks, tarballs })
    for (const [file, block] of blocks) {
      const note = replaced.includes(file) ? ' (replaces the template’s)' : ''
      console.log(`  ${file} ← ${block.source}:${block.marker}${note}`)
    }
    const missing = missingAppFiles(appDir)
    if (missing.length > 0) fail(missing.join('\n'))
    return { readmes, blocks }
  })

  await step('npm install (the tarballs and the app’s dependencies)', () => {
    const args = ['install', '--no-audit', '--no-fund', '--prefer-offline', '--loglevel=error']
    if (run('npm', args, { cwd: appDir, env }) !== 0) fail('npm install failed (output above)')
  })

  await step('import and require() every entry point from the installed tarballs', () => {
    const specifiers = packed.flatMap(({ pkg }) => entrySpecifiers(pkg.manifest))
    const problems = entryPointProblems(specifiers, { cwd: appDir })
    if (problems.length > 0) {
      fail(
        `an entry point does not load as installed (a file missing from a tarball?):\n${problems.join('\n')}`,
      )
    }
  })

  await step('type-check the app (strict)', async () => {
    // the client and the server are two projects, checked side by side
    const results = await Promise.all(
      ['tsconfig.app.json', 'tsconfig.server.json'].map((project) =>
        runQuietly('tsc', ['-p', project, '--pretty', 'false'], { cwd: appDir, env }),
      ),
    )
    const errors = results.filter((result) => result.code !== 0).map((result) => result.output)
    if (errors.length > 0) {
      fail(
        `the app does not compile; a README line is named for code from a README:\n${mapToReadmes(errors.join(''), blocks)}`,
      )
    }
  })

  await step('vite build', async () => {
    const result = await runQuietly('vite', ['build', '--logLevel', 'warn'], { cwd: appDir, env })
    if (result.code !== 0) fail(`vite build failed:\n${result.output}`)
  })

  const appUrl = await step('start the pelm-mock CLI and the app server', () =>
    startServers(appDir, env, processes),
  )

  const { connection, text } = await step('connect a utility in Chromium', () =>
    connectInBrowser({ appUrl, screenshotDir: join(root, 'test-results', 'consumer') }),
  )
  console.log(`  listed: "${text}" (connection ${connection.id}, status ${connection.status})`)

  for (const line of formatReport({
    size: integrationSize(blocks),
    claims: lineCountClaims(readmes),
  })) {
    console.log(line)
  }
  passed = true
} catch (error) {
  console.error(
    `\n✖ consumer test: ${error instanceof ConsumerFailure ? error.message : error.stack}`,
  )
  for (const proc of processes) {
    console.error(`\n--- output of ${proc.name} ---\n${proc.output().trim()}`)
  }
} finally {
  for (const proc of processes) await proc.stop()
  const total = ((performance.now() - started) / 1000).toFixed(1)
  log(`consumer timings: ${timings.join(', ')}; total ${total}s`)
  if (passed && !flags.keep) rmSync(workDir, { recursive: true, force: true })
  else log(`the app is kept in ${appDir}`)
}
if (!passed) process.exit(1)
log('consumer test: the packed libraries work in a fresh app, as their READMEs say')
