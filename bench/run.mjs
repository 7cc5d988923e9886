// `npm run bench`: sets up what is missing (dependencies, Chromium), builds what the benchmarks
// run, runs every benchmark against its baseline and writes bench/RESULTS.md.
// `node bench/run.mjs memory startup` runs some of them and prints their report instead.
import { writeFileSync } from 'node:fs'
import { ensureChromium, ensureDependencies, log } from '../scripts/lib/bootstrap.mjs'

const started = performance.now()
ensureDependencies()
const chromiumPath = ensureChromium()

// Imported only now: they need the dependencies installed.
const { buildDemoServer, buildLibraries } = await import('./lib/build.mjs')
const { machine, versions, workspaceVersions } = await import('./lib/machine.mjs')
const { resultsDocument } = await import('./lib/report.mjs')

/** Each benchmark, and the libraries (packages/<name>) it runs. */
const benchmarks = {
  'bundle-size': {
    needs: ['pelm-react'],
    async run() {
      const { reportBundleSize, runBundleSize } = await import('./bundle-size.mjs')
      return reportBundleSize(await runBundleSize())
    },
  },
  'click-to-navigation': {
    needs: ['pelm-server', 'pelm-mock', 'pelm-react'],
    async run() {
      const { runClickToNavigation } = await import('./click-to-navigation/index.mjs')
      const { reportClickToNavigation } = await import('./click-to-navigation/report.mjs')
      return reportClickToNavigation(await runClickToNavigation({ log, chromiumPath }))
    },
  },
  'handler-overhead': {
    needs: ['pelm-server', 'pelm-mock'],
    async run() {
      const { runHandlerOverhead } = await import('./handler-overhead/index.mjs')
      const { reportHandlerOverhead } = await import('./handler-overhead/report.mjs')
      return reportHandlerOverhead(await runHandlerOverhead({ log }))
    },
  },
  memory: {
    needs: ['pelm-server', 'pelm-mock'],
    async run() {
      const { runMemory } = await import('./memory/index.mjs')
      const { reportMemory } = await import('./memory/report.mjs')
      return reportMemory(await runMemory({ log }))
    },
  },
  startup: {
    needs: ['pelm-server', 'pelm-mock', 'demo'],
    async run({ demoBuildError }) {
      const { runStartup } = await import('./startup/index.mjs')
      const { reportStartup } = await import('./startup/report.mjs')
      return reportStartup(await runStartup({ log, demoBuildError }), demoBuildError)
    },
  },
}

const chosen = process.argv.slice(2)
const unknown = chosen.filter((name) => !(name in benchmarks))
if (unknown.length > 0) {
  console.error(
    `✖ unknown benchmark ${unknown.join(', ')}; known: ${Object.keys(benchmarks).join(', ')}`,
  )
  process.exit(1)
}
const names = chosen.length > 0 ? chosen : Object.keys(benchmarks)
const atStart = machine()

const needs = new Set(names.flatMap((name) => benchmarks[name].needs))
const libraries = ['pelm-server', 'pelm-mock', 'pelm-react'].filter((name) => needs.has(name))
log(
  `building ${[...libraries, ...(needs.has('demo') ? ['the demo server'] : [])].join(', ')} (their tsdown configs, into node_modules/.bench-dist)`,
)
buildLibraries(libraries)
const demoBuildError = needs.has('demo') ? buildDemoServer() : undefined
if (demoBuildError)
  log(`the demo server did not build; start-up will not measure it:\n${demoBuildError}`)

const sections = []
for (const name of names) {
  const began = performance.now()
  log(`${name}…`)
  sections.push(await benchmarks[name].run({ demoBuildError }))
  log(`${name}: done in ${((performance.now() - began) / 1000).toFixed(0)} s`)
}

const seconds = Math.round((performance.now() - started) / 1000)
const { load } = machine()
const document = resultsDocument({
  sections,
  machine: {
    ...atStart,
    load: `${atStart.load} at the start, ${load} at the end (load average, 1 / 5 / 15 min)`,
  },
  versions: {
    ...workspaceVersions(),
    ...versions([
      'hono',
      '@hono/node-server',
      'react',
      'react-dom',
      '@tanstack/react-query',
      'react-plaid-link',
      'teller-connect-react',
      '@arcadia-eng/connect-react',
      'esbuild',
      'autocannon',
      'playwright',
    ]),
  },
  runtime: `${Math.floor(seconds / 60)} min ${seconds % 60} s`,
  date: new Date().toISOString().replace(/\.\d+Z$/, 'Z'),
})
if (chosen.length > 0) {
  console.log(document)
} else {
  writeFileSync(new URL('./RESULTS.md', import.meta.url), document)
  log(`bench/RESULTS.md written (${seconds} s)`)
}
