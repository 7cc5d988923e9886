// `npm test`: set up what is missing, then run every check; exits non-zero if any step fails.
import { ensureDependencies, log, run } from './lib/bootstrap.mjs'

ensureDependencies()

const steps = [
  ['typecheck', 'node', ['scripts/typecheck.mjs']],
  ['lint', 'biome', ['check', '.']],
  ['unit and component tests', 'vitest', ['run']],
  ['library builds', 'pnpm', ['-r', '--filter', './packages/**', 'run', 'build']],
  [
    'package checks (publint)',
    'pnpm',
    ['-r', '--filter', './packages/**', 'exec', 'publint', '--strict'],
  ],
  [
    'bundle size budget (size-limit)',
    'pnpm',
    ['--filter', '@acme/pelm-react', 'exec', 'size-limit'],
  ],
]

const failed = []
for (const [name, command, args] of steps) {
  const started = performance.now()
  log(`${name}: ${command} ${args.join(' ')}`)
  const code = run(command, args)
  const seconds = ((performance.now() - started) / 1000).toFixed(1)
  if (code === 0) log(`${name}: ok (${seconds}s)`)
  else {
    failed.push(name)
    console.error(`✖ ${name} failed (exit ${code}, ${seconds}s)`)
  }
}

if (failed.length > 0) {
  console.error(`\n✖ npm test failed: ${failed.join(', ')}`)
  process.exit(1)
}
log('npm test: every step passed')
