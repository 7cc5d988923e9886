import type { ConnectOutcome } from './outcome'

const SOURCE = '@acme/pelm-react'
const TYPE = 'pelm:connect-result'

/** The message the callback page in the popup posts to the window that opened it. */
export interface ConnectResultMessage extends ConnectOutcome {
  source: typeof SOURCE
  type: typeof TYPE
}

/** Opens an empty popup. Must run synchronously inside the click handler, before any await. */
export const openPopup = (): Window | null => open('', 'pelm-connect', 'popup,width=480,height=720')

/**
 * On the callback page inside our popup: posts the outcome to the opener (target origin: our own,
 * never `*`). Does nothing without a same-origin opener. The opener closes the popup once it has
 * accepted the result, so a window that nobody is waiting for stays open on its outcome.
 */
export function reportToOpener(outcome: ConnectOutcome): void {
  try {
    // throws when there is no opener, or when it is cross-origin (not ours)
    const opener: Window = window.opener
    if (opener.location.origin === location.origin) {
      const message: ConnectResultMessage = { ...outcome, source: SOURCE, type: TYPE }
      opener.postMessage(message, location.origin)
    }
  } catch {}
}

/**
 * Waits for the popup's result message (our origin, from that popup, with our shape), then closes
 * the popup; or for the user to close it. Returns a function that stops waiting.
 */
export function watchPopup(popup: Window, done: (outcome: ConnectOutcome) => void): () => void {
  let closed = false
  const finish = (outcome: ConnectOutcome) => {
    stop()
    popup.close()
    done(outcome)
  }
  const onMessage = ({ origin, source, data }: MessageEvent<ConnectResultMessage | null>) => {
    if (
      origin === location.origin &&
      source === popup &&
      data?.source === SOURCE &&
      data.type === TYPE
    ) {
      finish(data)
    }
  }
  // Closed at the previous poll: a result posted just before closing has been read by now.
  const timer = setInterval(() => {
    if (closed) finish({ status: 'exited', exitReason: 'popup_closed' })
    closed = popup.closed
  }, 500)
  const stop = () => {
    clearInterval(timer)
    removeEventListener('message', onMessage)
  }
  addEventListener('message', onMessage)
  return stop
}
