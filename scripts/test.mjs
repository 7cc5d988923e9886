// `npm test`: set up what is missing (pnpm, dependencies, Chromium, Firefox, Redis, PostgreSQL),
// then run every check in order; exits non-zero if any step fails.
import { ensureDependencies, ensureSystemPackages, log, run } from './lib/bootstrap.mjs'

ensureDependencies()
// Story and e2e tests run in Debian's Chromium, some e2e flows also in Firefox ESR; the runtime
// suite starts its own Redis, the SQL store tests their own PostgreSQL (scripts/lib/postgres.mjs).
// One `apt-get update` and install for whatever is missing.
ensureSystemPackages(['chromium', 'firefox', 'redis', 'postgres'])

const steps = [
  ['typecheck', 'node', ['scripts/typecheck.mjs']],
  ['lint', 'biome', ['check', '.']],
  // unit, component, story (Chromium), security and demo-server tests: every project but one
  ['tests', 'vitest', ['run', '--project', '!runtimes']],
  // the examples bundled from source and run on Node, Bun, Deno, workerd (Miniflare) and
  // Express, the Next.js handler in process; token and replay stores on Redis; two instances
  ['runtime contract suite', 'vitest', ['run', '--project', 'runtimes']],
  ['library builds', 'pnpm', ['-r', '--filter', './packages/**', 'run', 'build']],
  ['package checks', 'pnpm', ['-r', '--filter', './packages/**', 'exec', 'publint', '--strict']],
  ['bundle size budget', 'pnpm', ['--filter', '@acme/pelm-react', 'exec', 'size-limit']],
  // the figures of the security suite the tests step ran (attacks, fuzzing, faults, secrets)
  ['security report', 'node', ['security/report.mjs', '--no-run']],
  [
    'Storybook build',
    'storybook',
    ['build', '-c', '.storybook', '-o', 'storybook-static', '--quiet'],
  ],
  ['demo build', 'pnpm', ['--filter', '@acme/pelm-demo', 'run', 'build']],
  // Playwright against the built demo, as `npm start` serves it
  ['end-to-end tests', 'node', ['e2e/run.mjs']],
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
