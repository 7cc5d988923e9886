// Everything each package exports, bundled by esbuild, minified and gzipped (level 9), with the
// peers every app already has external. Deterministic: one build each is the measurement.
import { spawnSync } from 'node:child_process'
import { readFileSync } from 'node:fs'
import { join, relative } from 'node:path'
import { gzipSync } from 'node:zlib'
import { build } from 'esbuild'
import { env } from '../scripts/lib/bootstrap.mjs'
import { ratio, table } from './lib/report.mjs'
import { format } from './lib/stats.mjs'
import { dist, root } from './lib/workspace.mjs'

// issue 14's budgets: everything exported, and what a redirect-mode app imports
const BUDGET = 2300
const BUTTON_AND_CALLBACK_BUDGET = 1900
const SHARE_OF_PLAID = 0.67
const react = ['react', 'react-dom', 'react/*', 'react-dom/*']
const ours = '@acme/pelm-react'
const buttonAndCallback = 'ConnectButton, useConnectCallback'
const version = (dir) => JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')).version

const packages = [
  { name: ours, entry: dist.react, external: [...react, '@tanstack/react-query'] },
  {
    name: ours,
    entry: dist.react,
    only: buttonAndCallback,
    external: [...react, '@tanstack/react-query'],
  },
  { name: 'react-plaid-link', external: react },
  { name: 'teller-connect-react', external: react },
  { name: '@arcadia-eng/connect-react', external: react },
]

async function bundle(entry, external, metafile = false, only = '*') {
  const exports = only === '*' ? '*' : `{ ${only} }`
  const result = await build({
    stdin: { contents: `export ${exports} from ${JSON.stringify(entry)}`, resolveDir: root },
    bundle: true,
    minify: true,
    format: 'esm',
    platform: 'browser',
    define: { 'process.env.NODE_ENV': '"production"' },
    external,
    metafile,
    write: false,
    logLevel: 'silent',
  })
  const code = result.outputFiles[0].contents
  return { minified: code.byteLength, gzip: gzipSync(code, { level: 9 }).byteLength, result }
}

/** Minified bytes per source module of @acme/pelm-react: where the bytes are. */
async function composition() {
  const entry = join(root, 'packages/pelm-react/src/index.ts')
  const { result } = await bundle(entry, packages[0].external, true)
  const [output] = Object.values(result.metafile.outputs)
  return Object.entries(output.inputs)
    .map(([path, { bytesInOutput }]) => [
      relative(join(root, 'packages/pelm-react'), path),
      bytesInOutput,
    ])
    .filter(([, bytes]) => bytes > 0)
    .sort((a, b) => b[1] - a[1])
}

/** The figures `npm test` enforces, as a cross-check (size-limit measures a little differently). */
function sizeLimit() {
  const run = spawnSync('pnpm', ['--filter', ours, 'exec', 'size-limit', '--json'], {
    cwd: root,
    env,
    encoding: 'utf8',
  })
  try {
    const checks = JSON.parse(run.stdout.slice(run.stdout.indexOf('[')))
    return checks.map((check) => ({ name: check.name, size: check.size, limit: check.sizeLimit }))
  } catch {
    return undefined
  }
}

export async function runBundleSize() {
  const results = []
  for (const { name, entry = name, external, only = '*' } of packages) {
    const dir = name === ours ? join(root, 'packages/pelm-react') : join(root, 'node_modules', name)
    const { minified, gzip } = await bundle(entry, external, false, only)
    results.push({ name, only, version: version(dir), external, minified, gzip })
  }
  return { results, composition: await composition(), sizeLimit: sizeLimit() }
}

export function reportBundleSize({ results, composition, sizeLimit: checked }) {
  const [mine, minePart, plaid] = results
  const share = mine.gzip / plaid.gzip
  const underBudget = mine.gzip <= BUDGET && minePart.gzip <= BUTTON_AND_CALLBACK_BUDGET
  const underShare = share <= SHARE_OF_PLAID
  const rows = results.map((r) => [
    r.only === '*' ? `\`${r.name}\`` : `\`${r.name}\`: \`{ ${r.only} }\``,
    r.version,
    r.external.filter((name) => !name.endsWith('/*')).join(', '),
    `${format(r.minified)} B`,
    `**${format(r.gzip)} B**`,
    ratio(r.gzip / plaid.gzip),
  ])
  const modules = composition
    .slice(0, 6)
    .map(([path, bytes]) => `\`${path}\` ${format(bytes)} B`)
    .join(', ')
  const markdown = `## 1. Bundle size

\`export * from '<package>'\` bundled by esbuild (\`--bundle --minify\`, ESM, browser,
\`NODE_ENV=production\`), then gzip level 9 (zlib); \`@acme/pelm-react\` from its own tsdown build.
External: react and react-dom for every package (the competitors' own dependencies, such as
\`prop-types\` and \`react-script-hook\`, are bundled, as an app would get them), plus
\`@tanstack/react-query\` for ours, a peer dependency the app already has. Builds are
deterministic, so each figure is one build, not a median.

${table(['package', 'version', 'external', 'minified', 'min+gzip', '÷ react-plaid-link'], rows)}

- Everything exported ≤ ${format(BUDGET)} B: ${format(mine.gzip)} B; \`ConnectButton\` + \`useConnectCallback\` alone ≤ ${format(BUTTON_AND_CALLBACK_BUDGET)} B: ${format(minePart.gzip)} B; **${underBudget ? 'met' : 'missed'}**.
- ≤ ${format(SHARE_OF_PLAID * 100)}% of react-plaid-link (≤ ${format(plaid.gzip * SHARE_OF_PLAID)} B): ${format(share * 100, 1)}%, **${underShare ? 'met' : 'missed'}**.
- size-limit, the budgets \`npm test\` enforces, on the package's own \`dist/\` as last built (it
  bundles a little differently and subtracts esbuild's empty-project bytes):
  ${checked ? checked.map((c) => `${c.name}: ${format(c.size)} B against its limit of ${format(c.limit)} B`).join('; ') : 'could not be run'}.
- Where the bytes are (minified, before gzip, from the sources): ${modules}.${
    underBudget && underShare
      ? ''
      : `
- **What limits it**: everything exported is counted (the issue's measure), so popup mode, the
  callback hook's exactly-once exchange and the connection hooks count even for an app that only
  renders the button; the largest modules are listed above (react-query's own code is external
  and not counted). \`packages/pelm-react/README.md\` (Size) lists what each behaviour costs.`
  }`
  return {
    summary: [
      [
        'Bundle size, everything exported, min+gzip',
        `${format(mine.gzip)} B (button + callback ${format(minePart.gzip)} B)`,
        `react-plaid-link ${format(plaid.gzip)} B`,
        ratio(share),
        `≤ ${format(BUDGET)} B (button + callback ≤ ${format(BUTTON_AND_CALLBACK_BUDGET)} B) and ≤ ${SHARE_OF_PLAID}`,
        underBudget && underShare,
      ],
    ],
    markdown,
  }
}
