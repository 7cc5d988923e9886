import { vi } from 'vitest'

/**
 * Collects the errors thrown by microtasks (an app's callback error, which the hooks throw again
 * for the browser to report as uncaught) instead of letting them reach Node's
 * `uncaughtException`, which Vitest counts as a failed run. In a browser they reach
 * `window.onerror`: the Chromium stories check that. `vi.restoreAllMocks()` undoes it.
 */
export function catchMicrotaskErrors(): unknown[] {
  const errors: unknown[] = []
  const queue = globalThis.queueMicrotask
  vi.spyOn(globalThis, 'queueMicrotask').mockImplementation((task) =>
    queue(() => {
      try {
        task()
      } catch (error) {
        errors.push(error)
      }
    }),
  )
  return errors
}
