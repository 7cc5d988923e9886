import type { ConnectOutcome } from './outcome'

const TYPE = 'pelm:connect-result'

/**
 * The message the callback page in the popup posts to the window that opened it. The opener
 * accepts it only from our own origin, from the popup it opened, and with this `type`.
 */
export interface ConnectResultMessage extends ConnectOutcome {
  type: typeof TYPE
}

/** Opens an empty popup. Must run synchronously inside the click handler, before any await. */
export const openPopup = (): Window | null => open('', 'pelm-connect', 'width=480,height=720')

/**
 * On the callback page inside our popup: posts the outcome to the opener with our own origin as
 * the target (never `*`), so the browser delivers it only to a same-origin opener. Does nothing
 * without an opener. The opener closes the popup once it has accepted the result, so a window
 * that nobody is waiting for stays open on its outcome.
 */
export const reportToOpener = (outcome: ConnectOutcome): void =>
  opener?.postMessage({ ...outcome, type: TYPE } satisfies ConnectResultMessage, location.origin)

/**
 * Watches a connect attempt until it ends: back from Connect through the bfcache (the page lives
 * again and must not stay "redirecting"), or, with a popup, its result message (our origin, from
 * that popup, with our shape; the popup is then closed) or the user closing it. Returns a
 * function that stops watching.
 */
export function watchAttempt(
  popup: Window | null,
  done: (outcome: ConnectOutcome) => void,
): () => void {
  let closed = false
  const onPageShow = ({ persisted }: PageTransitionEvent) => {
    if (persisted) done({ status: 'exited', exitReason: 'navigated_back' })
  }
  const onMessage = ({ origin, source, data }: MessageEvent<ConnectResultMessage | null>) => {
    if (origin === location.origin && source === popup && data?.type === TYPE) done(data)
  }
  // Closed at the previous poll: a result posted just before closing has been read by now.
  const timer = popup
    ? setInterval(() => {
        if (closed) done({ status: 'exited', exitReason: 'popup_closed' })
        closed = popup.closed
      }, 500)
    : undefined
  addEventListener('pageshow', onPageShow)
  if (popup) addEventListener('message', onMessage)
  return () => {
    clearInterval(timer)
    removeEventListener('pageshow', onPageShow)
    removeEventListener('message', onMessage)
  }
}
