import type { Harness } from './app'
import { errorOf } from './app'
import { record } from './tally'

export interface Attempt {
  /** What this variant does, shown when it is not rejected. */
  label: string
  send: () => Promise<Response>
  /** The `error.code` a refusal must carry; any 4xx JSON error when absent. */
  code?: string | readonly string[]
  /** A custom verdict instead (an ignored parameter is a 200 whose effect must be checked). */
  rejected?: (response: Response) => boolean | Promise<boolean>
}

export interface Outcome {
  label: string
  status: number
  code: string | undefined
  rejected: boolean
  /** `/auth/token` calls or token store writes the attempt caused. */
  sideEffects: number
}

/**
 * Sends each variant of an attack and records `{ tried, rejected }` under `name`. A variant counts
 * as rejected when it gets a 4xx JSON error (of the expected code) and caused no `/auth/token`
 * call and no token store write (or when its own `rejected` check says so). Returns the variants
 * that were not rejected, for the test to assert empty.
 */
export async function tryAttack(h: Harness, name: string, attempts: readonly Attempt[]) {
  const outcomes: Outcome[] = []
  for (const attempt of attempts) {
    const before = h.upstreamCalls('/auth/token') + h.tokens.writes.length
    const response = await attempt.send()
    const sideEffects = h.upstreamCalls('/auth/token') + h.tokens.writes.length - before
    const error = await errorOf(response)
    const codes = attempt.code === undefined ? undefined : [attempt.code].flat()
    const rejected = attempt.rejected
      ? await attempt.rejected(response)
      : response.status >= 400 &&
        response.status < 500 &&
        error !== undefined &&
        (codes === undefined || codes.includes(error.code)) &&
        sideEffects === 0
    outcomes.push({
      label: attempt.label,
      status: response.status,
      code: error?.code,
      rejected,
      sideEffects,
    })
  }
  record({
    category: 'attack',
    name,
    tried: outcomes.length,
    rejected: outcomes.filter((outcome) => outcome.rejected).length,
  })
  return outcomes.filter((outcome) => !outcome.rejected)
}
