import type { HTTPRequest, Page } from 'puppeteer-core'

/** A request the test keeps waiting inside Firefox: a slow server, with the server unchanged. */
export interface HeldRequest {
  /** The request, once the page has sent it. */
  sent: Promise<HTTPRequest>
  /** Lets it go on to the server (nothing happens if the page has cancelled it meanwhile). */
  release: () => Promise<void>
}

/**
 * Holds the first request of `page` that `matches` until `release()`: puppeteer's request
 * interception over WebDriver BiDi (`network.addIntercept`), which pauses the request in Firefox
 * before it leaves. Every other request of the page goes on at once.
 */
export async function holdFirst(
  page: Page,
  matches: (request: HTTPRequest) => boolean,
): Promise<HeldRequest> {
  let hold: ((request: HTTPRequest) => void) | undefined
  const sent = new Promise<HTTPRequest>((resolve) => {
    hold = resolve
  })
  page.on('request', (request) => {
    if (hold && matches(request)) {
      hold(request)
      hold = undefined
      return
    }
    // refused only when the page or its context went away meanwhile
    request.continue().catch(() => {})
  })
  await page.setRequestInterception(true)
  return {
    sent,
    release: async () => {
      // a request the page cancelled (Stop) cannot go on: Firefox answers NS_BINDING_ABORTED
      await (await sent).continue().catch(() => {})
    },
  }
}

/** Counts the requests `page` sends to `method path` from now on. */
export function countRequests(page: Page, method: string, path: string): () => number {
  let count = 0
  page.on('request', (request) => {
    if (request.method() === method && new URL(request.url()).pathname === path) count++
  })
  return () => count
}
