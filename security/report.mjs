// `npm run security-report`: runs the security suite (`vitest run --project security`), then
// prints the figures its tests recorded in security/.results/ and exits non-zero unless every
// attack was rejected, no bad input got a 5xx, no secret was found and no token was lost.
// `--no-run` prints the figures of the last run instead (npm test runs the suite in its unit step).
import { spawnSync } from 'node:child_process'
import { existsSync, readdirSync, readFileSync } from 'node:fs'
import { join, relative } from 'node:path'

const here = import.meta.dirname
const root = join(here, '..')
const resultsDir = join(here, '.results')
const run = !process.argv.includes('--no-run')

let vitestFailed = false
if (run) {
  const vitest = join(root, 'node_modules', '.bin', 'vitest')
  const result = spawnSync(vitest, ['run', '--project', 'security'], {
    cwd: root,
    stdio: 'inherit',
  })
  vitestFailed = result.status !== 0
}

const testFiles = readdirSync(here, { recursive: true, withFileTypes: true })
  .filter((entry) => entry.isFile() && entry.name.endsWith('.test.ts'))
  .map((entry) => relative(here, join(entry.parentPath, entry.name)))
  .filter((file) => !file.startsWith('.results') && !file.includes('node_modules'))
  .sort()

if (!existsSync(join(resultsDir, 'run.json'))) {
  console.error('✖ No results in security/.results: run `npm run security-report`.')
  process.exit(1)
}
const started = Date.parse(JSON.parse(readFileSync(join(resultsDir, 'run.json'), 'utf8')).startedAt)
const results = readdirSync(resultsDir)
  .filter((name) => name.endsWith('.test.ts.json'))
  .map((name) => JSON.parse(readFileSync(join(resultsDir, name), 'utf8')))
const missing = testFiles.filter((file) => !results.some((result) => result.file === file))
const figures = results.flatMap((result) => result.figures)
const failedTests = results.flatMap((result) =>
  result.tests.failed.map((name) => `${result.file} › ${name}`),
)
const testCount = results.reduce((sum, result) => sum + result.tests.run, 0)
const finished = Math.max(...results.map((result) => Date.parse(result.finishedAt)))

const sum = (rows, key) => rows.reduce((total, row) => total + row[key], 0)
const max = (rows, key) => Math.max(...rows.map((row) => row[key]))

/**
 * Prints one section: a title row, one row per figure, and a total row. A column is
 * `[key, label]`, summed in the total, or `[key, label, 'max']`.
 */
function section(title, category, columns, totalLabel) {
  // Figures of one name (e.g. recorded by every test file) add up into one row.
  const rows = []
  for (const figure of figures.filter((candidate) => candidate.category === category)) {
    const row = rows.find((candidate) => candidate.name === figure.name)
    if (!row) rows.push({ ...figure })
    else for (const [key] of columns) row[key] += figure[key]
  }
  if (rows.length === 0) return
  const nameWidth = Math.max(
    title.length,
    totalLabel.length + 2,
    ...rows.map((row) => row.name.length + 2),
  )
  const widths = columns.map(([, label]) => Math.max(label.length, 7))
  const line = (name, values) =>
    `${name.padEnd(nameWidth)}  ${values.map((value, index) => String(value).padStart(widths[index])).join('  ')}`
  console.log(
    `\n${line(
      title,
      columns.map(([, label]) => label),
    )}`,
  )
  for (const row of rows)
    console.log(
      line(
        `  ${row.name}`,
        columns.map(([key]) => row[key]),
      ),
    )
  if (rows.length > 1)
    console.log(
      line(
        `  ${totalLabel}`,
        columns.map(([key, , total]) => (total === 'max' ? max : sum)(rows, key)),
      ),
    )
}

const seconds = Number.isFinite(finished) ? ((finished - started) / 1000).toFixed(1) : '?'
console.log(
  `\nSecurity report: ${testCount} tests in ${results.length} files, ${seconds} s` +
    ` (${run ? 'this run' : 'last run'}, ${new Date(started).toISOString()})`,
)
section(
  'Attacks on the handlers',
  'attack',
  [
    ['tried', 'tried'],
    ['rejected', 'rejected'],
  ],
  'all attacks',
)
section(
  'Attacks on connection ids (another user’s, guessed, malformed; routes and states)',
  'connection id',
  [
    ['tried', 'tried'],
    ['rejected', 'rejected'],
    ['distinctAnswers', 'distinct answers¹', 'max'],
    ['upstreamCalls', 'calls to Pelm'],
  ],
  'all connection-id attacks',
)
section(
  'Rate limits (per user)',
  'rate limit',
  [
    ['overLimit', 'over the limit'],
    ['limited', '429 + Retry-After'],
    ['reachedPelm', 'calls to Pelm'],
  ],
  'all',
)
section(
  'Fuzzing the routes (generated requests)',
  'fuzz',
  [
    ['cases', 'cases'],
    ['serverErrors', '5xx'],
    ['nonJsonErrors', 'non-JSON errors'],
    ['crashes', 'crashes'],
  ],
  'all routes',
)
section(
  'Generated Pelm answers',
  'upstream',
  [
    ['cases', 'cases'],
    ['data', 'checked data'],
    ['pelmErrors', 'typed errors'],
    ['unexpected', 'anything else'],
    ['hangs', 'hangs'],
  ],
  'all',
)
section(
  'Faults injected into the sandbox',
  'fault',
  [
    ['injected', 'injected'],
    ['tokensLost', 'tokens lost'],
    ['inconsistent', 'inconsistent'],
    ['orphaned', 'orphaned*'],
  ],
  'all faults',
)
section(
  'Concurrency',
  'concurrency',
  [
    ['users', 'users'],
    ['stored', 'stored'],
    ['lost', 'lost'],
    ['crossed', 'crossed'],
  ],
  'all',
)
section(
  'Secrets (client secret, cookie secret, key, tokens)',
  'secrets',
  [
    ['scanned', 'scanned'],
    ['found', 'found'],
  ],
  'all places',
)
section(
  'Other checks',
  'check',
  [
    ['checked', 'checked'],
    ['failed', 'failed'],
  ],
  'all checks',
)
console.log(
  '\n¹ distinct answers (status, type and body) among the variants naming another user’s id or' +
    '\n  one that does not exist: 1 means they cannot be told apart.' +
    '\n* orphaned: tokens Pelm issued whose answer never reached the app (connection dropped or timed' +
    '\n  out after Pelm handled the code); the user was told to start again, nothing was stored.',
)

const byCategory = (category) => figures.filter((figure) => figure.category === category)
const idFigures = byCategory('connection id')
const limitFigures = byCategory('rate limit')
const totals = {
  attacksTried: sum(byCategory('attack'), 'tried') + sum(idFigures, 'tried'),
  attacksRejected: sum(byCategory('attack'), 'rejected') + sum(idFigures, 'rejected'),
  idAnswersTold: idFigures.filter((figure) => figure.distinctAnswers > 1).length,
  idUpstream: sum(idFigures, 'upstreamCalls'),
  overLimit: sum(limitFigures, 'overLimit'),
  limited: sum(limitFigures, 'limited'),
  limitedReachedPelm: sum(limitFigures, 'reachedPelm'),
  fuzzCases: sum(byCategory('fuzz'), 'cases'),
  serverErrors: sum(byCategory('fuzz'), 'serverErrors'),
  nonJson: sum(byCategory('fuzz'), 'nonJsonErrors'),
  crashes: sum(byCategory('fuzz'), 'crashes'),
  upstreamBad: sum(byCategory('upstream'), 'unexpected') + sum(byCategory('upstream'), 'hangs'),
  faults: sum(byCategory('fault'), 'injected'),
  tokensLost: sum(byCategory('fault'), 'tokensLost') + sum(byCategory('concurrency'), 'lost'),
  inconsistent:
    sum(byCategory('fault'), 'inconsistent') + sum(byCategory('concurrency'), 'crossed'),
  secrets: sum(byCategory('secrets'), 'found'),
  checksFailed: sum(byCategory('check'), 'failed'),
}

const problems = [
  vitestFailed && 'the security suite failed (see the Vitest output above)',
  missing.length > 0 && `no results from ${missing.join(', ')}`,
  failedTests.length > 0 && `failed tests: ${failedTests.join('; ')}`,
  totals.attacksRejected < totals.attacksTried &&
    `${totals.attacksTried - totals.attacksRejected} attack(s) not rejected`,
  totals.idAnswersTold > 0 &&
    `${totals.idAnswersTold} connection-id attack(s) answered "someone else's" and "does not exist" differently`,
  totals.idUpstream > 0 && `${totals.idUpstream} call(s) to Pelm from connection-id attacks`,
  totals.limited < totals.overLimit &&
    `${totals.overLimit - totals.limited} request(s) over a rate limit not answered 429`,
  totals.limitedReachedPelm > 0 &&
    `${totals.limitedReachedPelm} call(s) to Pelm from requests over a rate limit`,
  totals.serverErrors > 0 && `${totals.serverErrors} 5xx from bad input`,
  totals.nonJson > 0 && `${totals.nonJson} error(s) not in the JSON error shape`,
  totals.crashes > 0 && `${totals.crashes} unhandled error(s)`,
  totals.upstreamBad > 0 && `${totals.upstreamBad} Pelm answer(s) not handled`,
  totals.tokensLost > 0 && `${totals.tokensLost} token(s) lost`,
  totals.inconsistent > 0 && `${totals.inconsistent} inconsistent or crossed record(s)`,
  totals.secrets > 0 && `${totals.secrets} secret(s) found`,
  totals.checksFailed > 0 && `${totals.checksFailed} check(s) failed`,
].filter(Boolean)

console.log(
  `\n${problems.length === 0 ? '✔' : '✖'} ${totals.attacksRejected}/${totals.attacksTried} attacks rejected · ` +
    `${sum(idFigures, 'tried')} on connection ids (${totals.idAnswersTold === 0 ? 'foreign and unknown answered alike' : `${totals.idAnswersTold} group(s) told apart`}), ${totals.idUpstream} calls to Pelm · ` +
    `rate limits: ${totals.overLimit} over → ${totals.limited} × 429, ${totals.limitedReachedPelm} reaching Pelm · ` +
    `${totals.fuzzCases} fuzz cases, ${totals.serverErrors} 5xx from bad input, ${totals.nonJson} non-JSON errors · ` +
    `${totals.faults} faults injected, ${totals.tokensLost} tokens lost · ${totals.secrets} secrets found`,
)
if (problems.length > 0) {
  for (const problem of problems) console.error(`✖ ${problem}`)
  process.exit(1)
}
