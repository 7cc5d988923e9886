import { fields } from './errors'
import type { ConnectOutcome, UncheckedOutcome } from './outcome'

const TYPE = 'pelm:result'

/**
 * The message the callback page in the popup posts to the window that opened it. The opener
 * accepts it only from our own origin, from the popup it opened, and with this `type`.
 */
export type ConnectResultMessage = ConnectOutcome & { type: typeof TYPE }

/**
 * Opens an empty popup. Must run synchronously inside the click handler, before any await. A new
 * window each time (`_blank`, never a shared name): a second button must not take over the first
 * one's popup, whose messages are told apart by their source window.
 */
export const openPopup = (): Window | null => open('', '_blank', 'width=480,height=720')

/**
 * On the callback page inside our popup: posts the outcome to the opener with our own origin as
 * the target (never `*`), so the browser delivers it only to a same-origin opener. Does nothing
 * without an opener. The opener closes the popup once it has accepted the result, so a window
 * that nobody is waiting for stays open on its outcome.
 */
export const reportToOpener = (outcome: UncheckedOutcome): void =>
  opener?.postMessage({ ...outcome, type: TYPE }, location.origin)

/**
 * Watches the popup until the attempt ends: its result message (our origin, from that popup, with
 * our `type`; the rest is checked when it is settled) or the user closing it. Returns a function
 * that stops watching.
 */
export function watchPopup(popup: Window, done: (outcome: unknown) => void): () => void {
  let closed = false
  const onMessage = ({ origin, source, data }: MessageEvent<unknown>) => {
    if (origin === location.origin && source === popup && fields(data).type === TYPE) done(data)
  }
  // Closed at the previous poll: a result posted just before closing has been read by now.
  const timer = setInterval(() => {
    if (closed) done({ status: 'exited', exitReason: 'popup_closed' } satisfies ConnectOutcome)
    closed = popup.closed
  }, 500)
  addEventListener('message', onMessage)
  return () => {
    clearInterval(timer)
    removeEventListener('message', onMessage)
  }
}
