// The consumer test's steps: each one logged and timed; a failure is a message that says what
// broke, printed without a stack (a bug in the runner itself keeps its stack).
import { log } from '../../scripts/lib/bootstrap.mjs'

/** A failure whose message says what broke. */
export class ConsumerFailure extends Error {
  name = 'ConsumerFailure'
}

/** Ends the current step with `message`. */
export function fail(message) {
  throw new ConsumerFailure(message)
}

/** `{ step(name, action), timings }`: `step` runs and times one step; `timings` lists them. */
export function createSteps() {
  const timings = []
  async function step(name, action) {
    const started = performance.now()
    log(`consumer: ${name}`)
    try {
      return await action()
    } catch (error) {
      if (error instanceof ConsumerFailure || error instanceof TypeError) throw error
      throw new ConsumerFailure(`${name}: ${error.message}`)
    } finally {
      timings.push(`${name} ${((performance.now() - started) / 1000).toFixed(1)}s`)
    }
  }
  return { step, timings }
}
