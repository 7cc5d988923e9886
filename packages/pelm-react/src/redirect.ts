import type { ConnectOutcome } from './outcome'

/**
 * Sends this tab to Connect, then watches for the two ways the page can still be here: the
 * navigation was cancelled (Stop or Esc while Connect loads, "Stay" on a leave-page prompt: the
 * page is still running `NAVIGATION_TIMEOUT` later; `done()` with no outcome), or the person came
 * back with Back and the browser restored the page from its back/forward cache (`pageshow`; the
 * timer was frozen with the page: `done` with a `navigated_back` exit). Returns a function that
 * stops watching.
 */
export function leave(url: string, done: (outcome?: ConnectOutcome) => void): () => void {
  // How long the page may stay after `location.assign` before the navigation counts as cancelled.
  // A navigation that goes ahead unloads the page, or freezes it in the back/forward cache, when
  // Connect's first answer arrives: well under this on any usable connection. (A local constant:
  // minifiers inline it, while a module-level one bundled after imports stays a variable.)
  const NAVIGATION_TIMEOUT = 3_000
  const timer = setTimeout(() => done(), NAVIGATION_TIMEOUT)
  // listening starts after the load, so any pageshow is a restore from the bfcache
  const shown = () => done({ status: 'exited', exitReason: 'navigated_back' })
  addEventListener('pageshow', shown)
  location.assign(url)
  return () => {
    clearTimeout(timer)
    removeEventListener('pageshow', shown)
  }
}
