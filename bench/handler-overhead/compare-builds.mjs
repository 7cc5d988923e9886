// `node bench/handler-overhead/compare-builds.mjs <build folder>…`: the handler-overhead load
// (autocannon, the in-process sandbox) against pelmRoutes of the current build (the one
// `npm run bench` makes), of other builds of pelm-server (e.g. a proposed patch, built with
// `tsdown --out-dir node_modules/<folder> --no-dts` in packages/pelm-server, so its imports
// resolve) and against the bare routes, each in its own server process, runs interleaved in a
// new order each round so a busy machine weighs on all alike. Prints, per route, the median CPU
// per request of each server and its ratio to the bare routes (the benchmark's capacity check).
import { resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import { startChild } from '../lib/child.mjs'
import { format, summarize } from '../lib/stats.mjs'
import { connectTokenRun, exchangeRun } from './load.mjs'

const server = fileURLToPath(new URL('./server.mjs', import.meta.url))
const ROUNDS = Number(process.env.ROUNDS ?? 6)
const SECONDS = 2
const EXCHANGES = 1500

const folders = process.argv.slice(2)
if (folders.length === 0) {
  console.error('usage: node bench/handler-overhead/compare-builds.mjs <build folder>…')
  process.exit(2)
}
const execArgv = ['--expose-gc']
const targets = {
  bare: await startChild(server, { args: ['bare'], execArgv }),
  current: await startChild(server, { args: ['ours'], execArgv }),
}
for (const folder of folders) {
  targets[folder] = await startChild(server, {
    args: ['ours'],
    execArgv,
    env: { BENCH_SERVER_DIST: resolve(folder) },
  })
}

const routes = {
  'connect-token': (target) => connectTokenRun(target, SECONDS),
  exchange: (target) => exchangeRun(target, EXCHANGES),
}
const samples = Object.fromEntries(
  Object.keys(routes).flatMap((route) =>
    Object.keys(targets).map((name) => [`${route} ${name}`, []]),
  ),
)
try {
  for (let round = 0; round <= ROUNDS; round++) {
    const names = Object.keys(targets)
    const order = names.map((_, index) => names[(index + round) % names.length])
    for (const [route, run] of Object.entries(routes)) {
      for (const name of order) {
        const target = targets[name]
        await target.call('reset')
        const before = await target.call('cpu')
        const result = await run(target)
        const cpu = ((await target.call('cpu')) - before) / result.completed
        if (result.failed > 0) throw new Error(`${route} ${name}: ${result.failed} failed`)
        if (round > 0) samples[`${route} ${name}`].push(cpu)
      }
    }
    if (round > 0) console.error(`round ${round} of ${ROUNDS} done`)
  }
} finally {
  await Promise.all(Object.values(targets).map((target) => target.stop()))
}
for (const route of Object.keys(routes)) {
  const bare = summarize(samples[`${route} bare`]).median
  console.log(`\nPOST /${route}: bare ${format(bare)} µs CPU per request`)
  for (const name of ['current', ...folders]) {
    const median = summarize(samples[`${route} ${name}`]).median
    console.log(
      `  ${name}: ${format(median)} µs, capacity ratio ${(bare / median).toFixed(2)} (${format(median - bare)} µs more than bare)`,
    )
  }
}
