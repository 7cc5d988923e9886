import { ratio, spread, table } from '../lib/report.mjs'
import { format } from '../lib/stats.mjs'

const labels = {
  bare: 'bare Hono app (baseline)',
  pelmServer: '`@acme/pelm-server` + `/hono`, `pelmRoutes` mounted',
  demo: 'demo server (`apps/demo`, offline sandbox)',
}

export function reportStartup(result, demoBuildError) {
  const { bare, setup } = result
  const names = Object.keys(labels).filter((name) => result[name])
  const rows = names.map((name) => [
    labels[name],
    spread(result[name].imported, 1, 'ms'),
    name === 'bare' ? '' : ratio(result[name].imported.median / bare.imported.median),
    spread(result[name].ready, 1, 'ms'),
    name === 'bare' ? '' : ratio(result[name].ready.median / bare.ready.median),
  ])
  if (!result.demo) {
    rows.push([labels.demo, 'not measured', '', 'not measured', ''])
  }
  const markdown = `## 5. Start-up

Fresh \`node\` processes (no module cache; the OS file cache is warm after ${setup.WARMUP} warm-up
starts), ${setup.RUNS} starts per variant, interleaved. **import** is timed inside the process:
from the first line of a small script to the app built (the modules imported, \`new Hono()\`,
routes mounted); for the demo, importing its server bundle, whose top level builds its
configuration and calls \`serve\`. **ready** is timed from outside: from \`spawn\` to the line the
process prints once it listens with its app built (Node's own boot included). Every variant
serves on \`@hono/node-server\`; \`@acme/pelm-server\` comes from its tsdown build, the demo from its
own tsdown bundle (\`apps/demo/tsdown.config.ts\`, built by the bench into a scratch folder). No
target was set: the ratios are reported.

${table(['variant', 'import', '÷ bare', 'ready (spawn → listening)', '÷ bare'], rows)}${
  demoBuildError
    ? `

- **The demo server was not measured**: its bundle did not build in this run
  (\`${demoBuildError.split('\n')[0]}\`).`
    : ''
}`
  const summary = names
    .filter((name) => name !== 'bare')
    .map((name) => [
      `Start-up, ${name === 'demo' ? 'demo server' : '`@acme/pelm-server`'}: spawn → listening`,
      `${format(result[name].ready.median, 1)} ms`,
      `bare Hono ${format(bare.ready.median, 1)} ms`,
      ratio(result[name].ready.median / bare.ready.median),
      'none (reported)',
      null,
    ])
  if (!result.demo) summary.push(['Start-up, demo server', 'not measured', '', '', '', null])
  return { summary, markdown }
}
