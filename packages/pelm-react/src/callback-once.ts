import type { ConnectOutcome } from './outcome'

const outcomes = new Map<string, Promise<ConnectOutcome>>()

/**
 * Settles a callback URL at most once per key: StrictMode's double effects and remounts share one
 * promise, and a reload of the same URL reads the outcome sessionStorage kept instead of calling
 * `settle` again.
 */
export function settleOnce(
  key: string,
  settle: () => Promise<ConnectOutcome>,
): Promise<ConnectOutcome> {
  key = `@acme/pelm-react:${key}`
  let outcome = outcomes.get(key)
  if (!outcome) {
    let saved: ConnectOutcome | undefined
    try {
      saved = JSON.parse(sessionStorage.getItem(key) as string)
    } catch {}
    outcome = saved
      ? Promise.resolve(saved)
      : settle().then((result) => {
          try {
            sessionStorage.setItem(key, JSON.stringify(result))
          } catch {}
          return result
        })
    outcomes.set(key, outcome)
  }
  return outcome
}
