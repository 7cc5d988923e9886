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
  /** Any request to Pelm counts as a side effect, not only the ones with a lasting effect. */
  noUpstream?: boolean
}

export interface Outcome {
  label: string
  status: number
  code: string | undefined
  rejected: boolean
  /**
   * What the attempt changed: code exchanges and Delete user calls at Pelm, connection store
   * writes and deletes (with `noUpstream`, every request to Pelm).
   */
  sideEffects: number
  /** The answer as sent: status, content type and body. */
  answer: string
}

/** What an attempt may not cause: lasting effects at Pelm and in the store. */
const effects = (h: Harness, noUpstream = false) =>
  (noUpstream
    ? h.upstreamTotal()
    : h.upstreamCalls('POST', '/auth/token') + h.upstreamCalls('DELETE', '/users/')) +
  h.store.writes.length +
  h.store.deletes.length

/**
 * Sends each variant of an attack and records `{ tried, rejected }` under `name`. A variant counts
 * as rejected when it gets a 4xx JSON error (of the expected code) and caused no code exchange,
 * no Delete user at Pelm and no connection store write or delete (or when its own `rejected`
 * check says so). Returns every outcome; `failures(outcomes)` are the variants that were not
 * rejected, for the test to assert empty. `recorded: false` leaves the figure to the caller.
 */
export async function attackOutcomes(
  h: Harness,
  name: string,
  attempts: readonly Attempt[],
  { recorded = true }: { recorded?: boolean } = {},
) {
  const outcomes: Outcome[] = []
  for (const attempt of attempts) {
    const before = effects(h, attempt.noUpstream)
    const response = await attempt.send()
    const sideEffects = effects(h, attempt.noUpstream) - before
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
      answer: `${response.status} ${response.headers.get('content-type')} ${await response.clone().text()}`,
    })
  }
  if (recorded) {
    record({
      category: 'attack',
      name,
      tried: outcomes.length,
      rejected: outcomes.filter((outcome) => outcome.rejected).length,
    })
  }
  return outcomes
}

/** The outcomes of variants that were not rejected. */
export const failures = (outcomes: readonly Outcome[]) =>
  outcomes.filter((outcome) => !outcome.rejected)

/** {@link attackOutcomes}, answering only the variants that were not rejected. */
export async function tryAttack(h: Harness, name: string, attempts: readonly Attempt[]) {
  return failures(await attackOutcomes(h, name, attempts))
}
