// `npm start`: set up what is missing, build the demo (apps/demo) and serve it on PORT (default
// 3000); it prints its URL. Without PELM_CLIENT_ID and PELM_SECRET it runs on the offline sandbox.
// `npm run dev` (`--dev`): the same from the sources, with Vite's hot reload.
import { spawnSync } from 'node:child_process'
import { ensureDependencies, env, log, root, run } from './lib/bootstrap.mjs'

ensureDependencies()
const demo = ['--silent', '--filter', '@acme/pelm-demo', 'run']
if (process.argv.includes('--dev')) process.exit(run('pnpm', [...demo, 'dev']))

log('building the demo (apps/demo)')
const build = spawnSync('pnpm', [...demo, 'build'], { cwd: root, env, encoding: 'utf8' })
if (build.status !== 0) {
  process.stderr.write(`${build.stdout ?? ''}${build.stderr ?? ''}`)
  console.error('✖ building the demo failed')
  process.exit(1)
}
process.exit(run('node', ['apps/demo/dist/server.js']))
