// Requests per second of POST /connect-token and POST /exchange through pelmRoutes, against bare
// Hono routes making the same upstream calls to the same in-process sandbox, with autocannon.
import { fileURLToPath } from 'node:url'
import { startChild } from '../lib/child.mjs'
import { pairedRatios, summarize } from '../lib/stats.mjs'
import { CONNECTIONS, connectTokenRun, exchangeRun } from './load.mjs'

const server = fileURLToPath(new URL('./server.mjs', import.meta.url))
const breakdown = fileURLToPath(new URL('./breakdown.mjs', import.meta.url))
const WARMUP_SECONDS = 2
const RUN_SECONDS = 3
const EXCHANGES_PER_RUN = 3000
const RUNS = 6

/** Warm-up, then RUNS paired runs, alternating which variant goes first. */
async function compare(targets, run, warmup, measure, log, label) {
  for (const target of Object.values(targets)) {
    await target.call('reset')
    await run(target, warmup)
  }
  const samples = { ours: [], bare: [] }
  for (let i = 0; i < RUNS; i++) {
    const order = i % 2 === 0 ? ['ours', 'bare'] : ['bare', 'ours']
    for (const name of order) {
      await targets[name].call('reset')
      const cpuBefore = await targets[name].call('cpu')
      const result = await run(targets[name], measure)
      result.cpuPerRequest = ((await targets[name].call('cpu')) - cpuBefore) / result.completed
      if (result.failed > 0) {
        throw new Error(`${label} ${name}: ${result.failed} of ${result.completed} requests failed`)
      }
      samples[name].push(result)
      log(
        `${label} ${name} run ${i + 1}: ${Math.round(result.rps)} req/s, ${Math.round(result.cpuPerRequest)} µs CPU/request`,
      )
    }
  }
  const rps = (name) => samples[name].map((sample) => sample.rps)
  const cpu = (name) => samples[name].map((sample) => sample.cpuPerRequest)
  return {
    ours: summarize(rps('ours')),
    bare: summarize(rps('bare')),
    ratio: summarize(pairedRatios(rps('ours'), rps('bare'))),
    // CPU time per request is far less sensitive to other load than a rate: the capacity ratio
    // of one core (bare µs / ours µs) checks the rate ratio.
    cpuPerRequest: { ours: summarize(cpu('ours')), bare: summarize(cpu('bare')) },
    cpuRatio: summarize(pairedRatios(cpu('bare'), cpu('ours'))),
    latencyP50: {
      ours: summarize(samples.ours.map((sample) => sample.latencyP50)),
      bare: summarize(samples.bare.map((sample) => sample.latencyP50)),
    },
  }
}

/**
 * What `hono/body-limit` alone costs over HTTP: the bare connect-token route with and without
 * it, interleaved. Its first step reads `c.req.raw.body`, which on `@hono/node-server` builds a
 * web Request and stream instead of reading the body straight from the socket.
 */
async function bodyLimitCost(log) {
  const execArgv = ['--expose-gc']
  const targets = {
    without: await startChild(server, { args: ['bare'], execArgv }),
    with: await startChild(server, { args: ['bare-body-limit'], execArgv }),
  }
  try {
    const cpu = { without: [], with: [] }
    for (let i = 0; i <= RUNS; i++) {
      for (const name of i % 2 === 0 ? ['without', 'with'] : ['with', 'without']) {
        const target = targets[name]
        await target.call('reset')
        const before = await target.call('cpu')
        const result = await connectTokenRun(target, RUN_SECONDS / 2)
        if (result.failed > 0) throw new Error(`body-limit ${name}: ${result.failed} failed`)
        if (i > 0) cpu[name].push(((await target.call('cpu')) - before) / result.completed)
      }
    }
    log(
      `body-limit alone: ${Math.round(summarize(cpu.with).median - summarize(cpu.without).median)} µs CPU/request`,
    )
    return {
      without: summarize(cpu.without),
      with: summarize(cpu.with),
      extra: summarize(cpu.with.map((value, index) => value - cpu.without[index])),
    }
  } finally {
    await Promise.all(Object.values(targets).map((target) => target.stop()))
  }
}

export async function runHandlerOverhead({ log }) {
  // Measured first, in a process of its own, while no load runs.
  const { breakdown: parts, profiles } = await startChild(breakdown)
  log('handler-overhead: breakdown measured')
  const execArgv = ['--expose-gc']
  const targets = {
    ours: await startChild(server, { args: ['ours'], execArgv }),
    bare: await startChild(server, { args: ['bare'], execArgv }),
  }
  try {
    const connectToken = await compare(
      targets,
      connectTokenRun,
      WARMUP_SECONDS,
      RUN_SECONDS,
      log,
      'connect-token',
    )
    const exchange = await compare(
      targets,
      exchangeRun,
      EXCHANGES_PER_RUN / 3,
      EXCHANGES_PER_RUN,
      log,
      'exchange',
    )
    return {
      connectToken,
      exchange,
      bodyLimit: await bodyLimitCost(log),
      parts,
      profiles,
      setup: { CONNECTIONS, WARMUP_SECONDS, RUN_SECONDS, EXCHANGES_PER_RUN, RUNS },
    }
  } finally {
    await Promise.all(Object.values(targets).map((target) => target.stop()))
  }
}
