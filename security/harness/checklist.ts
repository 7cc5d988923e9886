import { record } from './tally'

/**
 * Named yes/no checks, recorded together as one `check` figure; `failures()` names the ones that
 * did not hold, so a failing test says which.
 *
 * @example
 * ```ts
 * const checks = checklist('cookie attributes')
 * checks.add('HttpOnly', cookie.includes('HttpOnly'))
 * expect(checks.done()).toEqual([])
 * ```
 */
export function checklist(name: string) {
  const results: [string, boolean][] = []
  return {
    add(label: string, ok: boolean) {
      results.push([label, ok])
    },
    /** Records the figure and answers the labels of the failed checks. */
    done(): string[] {
      const failed = results.filter(([, ok]) => !ok).map(([label]) => label)
      record({ category: 'check', name, checked: results.length, failed: failed.length })
      return failed
    },
  }
}
