import type { PelmMock } from '@acme/pelm-mock'

const faultCounts = new WeakMap<PelmMock, () => number>()

/** Counts the sandbox's fault rules that actually fired (once per sandbox), for the report. */
export function countFaults(mock: PelmMock): () => number {
  const known = faultCounts.get(mock)
  if (known) return known
  let fired = 0
  const take = mock.faults.take.bind(mock.faults)
  mock.faults.take = (method, path) => {
    const rule = take(method, path)
    if (rule) fired += 1
    return rule
  }
  const count = () => fired
  faultCounts.set(mock, count)
  return count
}
