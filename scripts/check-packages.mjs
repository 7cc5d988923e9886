// `npm run check-packages` (a step of `npm test`): every published library checked as npm would
// ship it. Per package: publint; its manifest (ranges, peers, license, repository); a `pnpm pack`
// whose tarball holds every file the manifest names plus README and LICENSE; are-the-types-wrong
// on that tarball; the packed README's links; an ESM import and a require() of every entry
// point; and `pnpm publish --dry-run` (nothing is published). `--skip-build` uses the dist/ folders as they are (npm test builds just before).
import { spawnSync } from 'node:child_process'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { ensureDependencies, env, log, run } from './lib/bootstrap.mjs'
import { entryPointProblems } from './lib/entry-points.mjs'
import {
  entrySpecifiers,
  manifestProblems,
  missingPackedFiles,
  packPackage,
  publishedPackages,
  readPackedFile,
} from './lib/packages.mjs'
import { readmeLinkProblems } from './lib/readme-links.mjs'

ensureDependencies()
if (!process.argv.includes('--skip-build')) {
  log('building the libraries')
  if (run('pnpm', ['-r', '--filter', './packages/**', 'run', 'build']) !== 0) process.exit(1)
}

/**
 * Runs a tool quietly; its output is shown only when it fails (exits non-zero, or prints what
 * `failsOn` matches). Returns a problem or none.
 */
function quietly(command, args, cwd, failsOn) {
  const result = spawnSync(command, args, { cwd, env, encoding: 'utf8' })
  const output = `${result.stdout}${result.stderr}`
  if (result.status === 0 && !failsOn?.test(output)) return []
  return [`\`${command} ${args.join(' ')}\` failed:\n${output}`.trim()]
}

const workDir = mkdtempSync(join(tmpdir(), 'pelm-packages-'))
let failures = 0
try {
  for (const pkg of publishedPackages()) {
    const { tarball, files } = packPackage(pkg, workDir)
    const checks = [
      ['publint', () => quietly('publint', ['--strict'], pkg.dir)],
      ['manifest', () => manifestProblems(pkg.manifest)],
      ['packed files', () => missingPackedFiles(pkg, files)],
      // require() of our ES modules works on Node 20.19+, which attw's TypeScript does not model:
      // the esm-only profile leaves out its CommonJS resolutions; entry points covers require()
      [
        'types (attw)',
        // attw exits 0 on a package without types at all: that is a failure here
        () =>
          quietly('attw', [tarball, '--profile', 'esm-only'], pkg.dir, /does not contain types/),
      ],
      [
        'README links',
        () =>
          readmeLinkProblems(readPackedFile(tarball, 'README.md'), {
            files,
            manifest: pkg.manifest,
          }),
      ],
      ['entry points', () => entryPointProblems(entrySpecifiers(pkg.manifest), { cwd: pkg.dir })],
      [
        'publish --dry-run',
        () => quietly('pnpm', ['publish', '--dry-run', '--no-git-checks'], pkg.dir),
      ],
    ]
    for (const [name, check] of checks) {
      const problems = check()
      if (problems.length === 0) {
        console.log(`  ✓ ${pkg.name} ${name}`)
        continue
      }
      failures += problems.length
      console.error(`  ✖ ${pkg.name} ${name}`)
      for (const problem of problems) console.error(`    ${problem.replaceAll('\n', '\n    ')}`)
    }
  }
} finally {
  rmSync(workDir, { recursive: true, force: true })
}
if (failures > 0) {
  console.error(`\n✖ package checks: ${failures} problem${failures === 1 ? '' : 's'}`)
  process.exit(1)
}
log('package checks: every package is publishable')
