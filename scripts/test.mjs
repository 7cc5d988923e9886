// `npm test`: set up what is missing (pnpm, dependencies, Chromium, Firefox, Redis, PostgreSQL),
// then run every check in order; exits non-zero if any step fails.
import { existsSync, readdirSync } from 'node:fs'
import { join } from 'node:path'
import { ensureDependencies, ensureSystemPackages, log, root, run } from './lib/bootstrap.mjs'

ensureDependencies()
// Story and e2e tests run in Debian's Chromium, some e2e flows also in Firefox ESR; the runtime
// suite starts its own Redis, the SQL store tests their own PostgreSQL (scripts/lib/postgres.mjs),
// the e2e TLS proxy signs its certificate with openssl. One `apt-get update` and install for
// whatever is missing.
ensureSystemPackages(['chromium', 'firefox', 'redis', 'openssl', 'postgres'])

// node:test files of the tooling itself, listed by hand: Node 20's `--test DIR` would also take
// scripts/test.mjs (this file) for a test
const toolingTests = ['scripts/lib', 'consumer/lib'].flatMap((dir) =>
  existsSync(join(root, dir))
    ? readdirSync(join(root, dir))
        .filter((name) => name.endsWith('.test.mjs'))
        .map((name) => `${dir}/${name}`)
    : [],
)

const steps = [
  ['typecheck', 'node', ['scripts/typecheck.mjs']],
  ['lint', 'biome', ['check', '.']],
  // README link extraction, the consumer test's README blocks, the throwaway PostgreSQL server
  ['tooling tests', 'node', ['--test', ...toolingTests]],
  // unit, component, story (Chromium), security and demo-server tests: every project but one
  ['tests', 'vitest', ['run', '--project', '!runtimes']],
  // the examples bundled from source and run on Node, Bun, Deno, workerd (Miniflare) and
  // Express, the Next.js handler in process (two connections and a disconnect on each); store,
  // replay-store and rate-limiter contracts on real Redis and PostgreSQL; two instances sharing them
  ['runtime contract suite', 'vitest', ['run', '--project', 'runtimes']],
  ['library builds', 'pnpm', ['-r', '--filter', './packages/**', 'run', 'build']],
  // per package: publint, the packed files, are-the-types-wrong, the packed README's links, an
  // ESM import and a require() of every entry point, `pnpm publish --dry-run`
  ['package checks', 'node', ['scripts/check-packages.mjs', '--skip-build']],
  ['bundle size budget', 'pnpm', ['--filter', '@acme/pelm-react', 'exec', 'size-limit']],
  // the figures of the security suite the tests step ran (attacks, fuzzing, faults, secrets)
  ['security report', 'node', ['security/report.mjs', '--no-run']],
  [
    'Storybook build',
    'storybook',
    ['build', '-c', '.storybook', '-o', 'storybook-static', '--quiet'],
  ],
  ['demo build', 'pnpm', ['--filter', '@acme/pelm-demo', 'run', 'build']],
  // Playwright in Chromium, then the main flows in Firefox ESR over WebDriver BiDi, against the
  // built demo as `npm start` serves it
  ['end-to-end tests', 'node', ['e2e/run.mjs']],
  // the packed libraries installed with npm into a fresh Vite + Hono app built from the README
  // quick starts, type-checked, built, and driven through Connect in Chromium
  ['consumer test', 'node', ['consumer/run.mjs', '--skip-build']],
]

const failed = []
const timings = []
for (const [name, command, args] of steps) {
  const started = performance.now()
  log(`${name}: ${command} ${args.join(' ')}`)
  const code = run(command, args)
  const seconds = ((performance.now() - started) / 1000).toFixed(1)
  timings.push(`${name} ${seconds}s`)
  if (code === 0) log(`${name}: ok (${seconds}s)`)
  else {
    failed.push(name)
    console.error(`✖ ${name} failed (exit ${code}, ${seconds}s)`)
  }
}

log(`timings: ${timings.join(', ')}`)
if (failed.length > 0) {
  console.error(`\n✖ npm test failed: ${failed.join(', ')}`)
  process.exit(1)
}
log('npm test: every step passed')
