import { mkdirSync, writeFileSync } from 'node:fs'
import { join, relative } from 'node:path'
import { expect } from 'vitest'
import { resultsDir } from './results-dir'

/**
 * One figure of the security report, recorded by the test that measured it. Tests record what
 * they observed *before* asserting on it, so a failing test still reports what went wrong.
 */
export type Figure =
  /** Hostile requests sent, and how many the handlers refused without side effects. */
  | { category: 'attack'; name: string; tried: number; rejected: number }
  /**
   * Attacks naming a connection id that is not the signed-in user's: refused, how many distinct
   * answers the "someone else's" and "does not exist" variants got (1: the same answer), and how
   * many requests reached Pelm.
   */
  | {
      category: 'connection id'
      name: string
      tried: number
      rejected: number
      distinctAnswers: number
      upstreamCalls: number
    }
  /**
   * Requests past a per-user rate limit: how many got 429 `rate_limited` with `Retry-After` (and
   * no cookie), and how many requests to Pelm they caused.
   */
  | {
      category: 'rate limit'
      name: string
      overLimit: number
      limited: number
      reachedPelm: number
    }
  /** Generated requests: answers with a 5xx, errors that were not the JSON error shape, crashes. */
  | {
      category: 'fuzz'
      name: string
      cases: number
      serverErrors: number
      nonJsonErrors: number
      crashes: number
    }
  /** Generated Pelm answers: validated data, typed Pelm errors, anything else, hangs. */
  | {
      category: 'upstream'
      name: string
      cases: number
      data: number
      pelmErrors: number
      unexpected: number
      hangs: number
    }
  /**
   * Faults injected into the sandbox. `tokensLost`: connections confirmed to the user (or held
   * before the fault) whose token is not in the store afterwards. `orphaned`: tokens Pelm issued
   * whose answer never reached the app (the user was told to start again). `inconsistent`:
   * stored records that do not match Pelm's state for that user.
   */
  | {
      category: 'fault'
      name: string
      injected: number
      tokensLost: number
      orphaned: number
      inconsistent: number
    }
  /** Parallel connections: records stored, lost, crossed between users. */
  | {
      category: 'concurrency'
      name: string
      users: number
      stored: number
      lost: number
      crossed: number
    }
  /** Places scanned for the client secret, cookie secret, encryption key and access tokens. */
  | { category: 'secrets'; name: string; scanned: number; found: number }
  /** Other properties checked (cookie attributes, at-rest encryption, key rotation). */
  | { category: 'check'; name: string; checked: number; failed: number }

export type RecordedFigure = Figure & { test: string }

const figures: RecordedFigure[] = []
const tests = { run: 0, failed: [] as string[] }

/**
 * Adds a figure to this test file's tally.
 *
 * @example
 * ```ts
 * record({ category: 'attack', name: 'forged state cookie', tried: 3, rejected: refused })
 * ```
 */
export function record(figure: Figure): void {
  figures.push({ ...figure, test: expect.getState().currentTestName ?? '' })
}

/** @internal the setup file's bookkeeping of test outcomes. */
export const testOutcomes = tests

/** Writes this file's tally to `.results/<file>.json`, where the report reads it. */
export function writeResults(testFile: string): void {
  const file = relative(join(import.meta.dirname, '..'), testFile)
  mkdirSync(resultsDir, { recursive: true })
  writeFileSync(
    join(resultsDir, `${file.replace(/[\\/]/g, '__')}.json`),
    `${JSON.stringify({ file, tests, figures, finishedAt: new Date().toISOString() }, null, 2)}\n`,
  )
}
