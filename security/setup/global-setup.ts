import { mkdirSync, rmSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { resultsDir } from '../harness/results-dir'

/** Each run starts from an empty tally, so the report only ever shows what this run measured. */
export default function setup() {
  rmSync(resultsDir, { recursive: true, force: true })
  mkdirSync(resultsDir, { recursive: true })
  writeFileSync(
    join(resultsDir, 'run.json'),
    `${JSON.stringify({ startedAt: new Date().toISOString() })}\n`,
  )
}
