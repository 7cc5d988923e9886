// `node scripts/run.mjs [--chromium] [--firefox] [--redis] [--postgres] COMMAND ARGS…`: the root
// scripts' wrapper. Sets up what is missing (pnpm and dependencies, and the Debian packages asked
// for), then runs COMMAND with node_modules/.bin on PATH and passes its exit code on.
import { ensureDependencies, ensureSystemPackages, run } from './lib/bootstrap.mjs'

const args = process.argv.slice(2)
const systemFlags = ['--chromium', '--firefox', '--redis', '--postgres']
const needs = []
while (systemFlags.includes(args[0])) needs.push(args.shift().slice(2))
if (args.length === 0) {
  console.error(`usage: node scripts/run.mjs [${systemFlags.join('] [')}] COMMAND ARGS…`)
  process.exit(2)
}
ensureDependencies()
ensureSystemPackages(needs)
process.exit(run(args[0], args.slice(1)))
