// `node scripts/run.mjs [--chromium] [--redis] COMMAND ARGS…`: the root scripts' wrapper. Sets up
// what is missing (pnpm and dependencies, and Chromium or Redis when asked), then runs COMMAND
// with node_modules/.bin on PATH and passes its exit code on.
import { ensureChromium, ensureDependencies, ensureRedis, run } from './lib/bootstrap.mjs'

const args = process.argv.slice(2)
const wants = (flag) => args[0] === flag && args.shift()
const needs = { chromium: false, redis: false }
while (args[0]?.startsWith('--')) {
  if (wants('--chromium')) needs.chromium = true
  else if (wants('--redis')) needs.redis = true
  else break
}
if (args.length === 0) {
  console.error('usage: node scripts/run.mjs [--chromium] [--redis] COMMAND ARGS…')
  process.exit(2)
}
ensureDependencies()
if (needs.chromium) ensureChromium()
if (needs.redis) ensureRedis()
process.exit(run(args[0], args.slice(1)))
