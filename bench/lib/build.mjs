// Builds what the benchmarks run, with each package's own tsdown config, into a private folder
// under the package's node_modules: the same output as `npm run build`'s dist/, but neither
// reading nor replacing a dist/ that someone else may be rebuilding at the same moment.
import { spawnSync } from 'node:child_process'
import { rmSync } from 'node:fs'
import { join } from 'node:path'
import { env } from '../../scripts/lib/bootstrap.mjs'
import { BUILD_DIR, root } from './workspace.mjs'

function tsdown(dir, extraArgs = []) {
  const cwd = join(root, dir)
  rmSync(join(cwd, BUILD_DIR), { recursive: true, force: true })
  const result = spawnSync(
    'tsdown',
    ['--out-dir', BUILD_DIR, '--no-clean', '--no-dts', '--logLevel', 'warn', ...extraArgs],
    { cwd, env, encoding: 'utf8' },
  )
  if (result.status !== 0) {
    const output = `${result.stdout}${result.stderr}`.trim()
    throw new Error(`tsdown in ${dir} failed (exit ${result.status}):\n${output}`)
  }
}

/** The libraries named (`pelm-server`, `pelm-mock`, `pelm-react`); throws when one does not build. */
export function buildLibraries(names) {
  for (const name of names) tsdown(`packages/${name}`)
}

/** The demo's server bundle (`server.js`); returns an error message instead of throwing. */
export function buildDemoServer() {
  try {
    tsdown('apps/demo')
    return undefined
  } catch (error) {
    return error.message
  }
}
