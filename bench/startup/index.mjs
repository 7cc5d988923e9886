// Cold start-up in fresh Node processes, interleaved: the module imports (and app construction)
// timed inside the process, and spawn-to-listening timed from outside (Node's boot included).
import { spawn } from 'node:child_process'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { summarize } from '../lib/stats.mjs'
import { dist, root } from '../lib/workspace.mjs'

const here = (file) => fileURLToPath(new URL(file, import.meta.url))
const WARMUP = 2
const RUNS = 15
const TIMEOUT_MS = 30_000

/** Spawns one process; resolves when it prints its ready line, then stops it. */
function startOnce({ args, env, isReady }) {
  return new Promise((resolve, reject) => {
    const spawned = performance.now()
    const child = spawn(process.execPath, args, {
      cwd: root,
      env,
      stdio: ['ignore', 'pipe', 'pipe'],
    })
    let output = ''
    let imported
    const timer = setTimeout(() => finish(new Error('no ready line in time')), TIMEOUT_MS)
    const finish = (error) => {
      clearTimeout(timer)
      child.kill('SIGKILL')
      if (error) reject(new Error(`${args.join(' ')}: ${error.message}\n${output}`))
    }
    child.stdout.setEncoding('utf8')
    child.stdout.on('data', (chunk) => {
      output += chunk
      const marked = /BENCH_(?:READY|IMPORTED) (\{.*\})/.exec(output)
      if (marked) imported ??= JSON.parse(marked[1]).imported
      if (imported !== undefined && isReady(output)) {
        resolve({ imported, ready: performance.now() - spawned })
        finish()
      }
    })
    child.stderr.on('data', (chunk) => {
      output += chunk
    })
    child.on('exit', (code) => {
      if (imported === undefined) finish(new Error(`exited with code ${code}`))
    })
  })
}

export async function runStartup({ log, demoBuildError }) {
  const dataDir = mkdtempSync(join(tmpdir(), 'pelm-bench-demo-'))
  const baseEnv = { PATH: process.env.PATH, HOME: process.env.HOME, NODE_ENV: 'production' }
  const readyLine = (output) => output.includes('BENCH_READY')
  const variants = {
    bare: { args: [here('./bare.mjs')], env: baseEnv, isReady: readyLine },
    pelmServer: {
      args: [here('./pelm-server.mjs'), dist.server, dist.serverHono],
      env: baseEnv,
      isReady: readyLine,
    },
  }
  if (!demoBuildError) {
    variants.demo = {
      args: [here('./demo.mjs'), dist.demoServer],
      // The offline sandbox (no Pelm credentials), secrets and tokens in a scratch directory.
      env: { ...baseEnv, PORT: '0', DATA_DIR: dataDir, CLIENT_DIR: dataDir },
      isReady: (output) => output.includes('Pelm Connect demo:'),
    }
  }
  try {
    const samples = Object.fromEntries(Object.keys(variants).map((name) => [name, []]))
    for (let i = 0; i < WARMUP + RUNS; i++) {
      for (const [name, variant] of Object.entries(variants)) {
        const result = await startOnce(variant)
        if (i >= WARMUP) samples[name].push(result)
      }
    }
    const results = {}
    for (const [name, runs] of Object.entries(samples)) {
      results[name] = {
        imported: summarize(runs.map((run) => run.imported)),
        ready: summarize(runs.map((run) => run.ready)),
      }
      log(
        `startup ${name}: import ${results[name].imported.median.toFixed(1)} ms, ready ${results[name].ready.median.toFixed(1)} ms`,
      )
    }
    return { ...results, setup: { WARMUP, RUNS } }
  } finally {
    rmSync(dataDir, { recursive: true, force: true })
  }
}
