// `npm run sandbox -- --port 4010`: builds the sandbox package and runs its `pelm-mock` CLI.
import { ensureDependencies, log, run } from './lib/bootstrap.mjs'

ensureDependencies()
log('building @acme/pelm-mock')
if (
  run('pnpm', ['--filter', '@acme/pelm-mock', 'run', 'build'], {
    stdio: ['ignore', 'ignore', 'inherit'],
  }) !== 0
) {
  process.exit(1)
}
process.exit(run('node', ['packages/pelm-mock/dist/cli.js', ...process.argv.slice(2)]))
