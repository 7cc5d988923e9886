import type { ConnectOutcome } from './outcome'

const TYPE = 'pelm:result'

/**
 * The message the callback page in the popup posts to the window that opened it. The opener
 * accepts it only from our own origin, from the popup it opened, and with this `type`.
 */
export interface ConnectResultMessage extends ConnectOutcome {
  type: typeof TYPE
}

/** Opens an empty popup. Must run synchronously inside the click handler, before any await. */
export const openPopup = (): Window | null => open('', 'pelm', 'width=480,height=720')

/**
 * On the callback page inside our popup: posts the outcome to the opener with our own origin as
 * the target (never `*`), so the browser delivers it only to a same-origin opener. Does nothing
 * without an opener. The opener closes the popup once it has accepted the result, so a window
 * that nobody is waiting for stays open on its outcome.
 */
export const reportToOpener = (outcome: ConnectOutcome): void =>
  opener?.postMessage({ ...outcome, type: TYPE } satisfies ConnectResultMessage, location.origin)

/**
 * Watches the popup until the attempt ends: its result message (our origin, from that popup, with
 * our shape) or the user closing it. Returns a function that stops watching.
 */
export function watchPopup(popup: Window, done: (outcome: ConnectOutcome) => void): () => void {
  let closed = false
  const onMessage = ({ origin, source, data }: MessageEvent<ConnectResultMessage | null>) => {
    if (origin === location.origin && source === popup && data?.type === TYPE) done(data)
  }
  // Closed at the previous poll: a result posted just before closing has been read by now.
  const timer = setInterval(() => {
    if (closed) done({ status: 'exited', exitReason: 'popup_closed' })
    closed = popup.closed
  }, 500)
  addEventListener('message', onMessage)
  return () => {
    clearInterval(timer)
    removeEventListener('message', onMessage)
  }
}
