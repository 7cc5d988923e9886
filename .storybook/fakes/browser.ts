// Keeps stories inside Storybook. `ConnectButton` leaves the page with `location.assign(url)`
// (redirect mode) or `window.open()` + `popup.location.href = url` (popup mode). `location.assign`
// cannot be replaced (the property is unforgeable), so cross-document navigations started from a
// story are cancelled through the Navigation API (Chromium-based browsers; the story tests run in
// Chromium) and recorded instead. `window.open` is replaced by a same-origin frame that stands in
// for the popup: a real `Window`, so the button's `postMessage` checks (`source === popup`) hold.
import type { ConnectResultMessage } from '@acme/pelm-react'

/** A navigation the story asked for and Storybook stopped. */
export interface Departure {
  /** `navigation`: this tab (redirect mode); `popup`: the popup window was pointed at `url`. */
  kind: 'navigation' | 'popup'
  url: string
}

/** What the fake popup window shows; `closed` once the app or the user closed it. */
export interface PopupState {
  url: string | undefined
  closed: boolean
}

/** The parts of the Navigation API used here (TypeScript 5.9's DOM types lack them). */
interface NavigateEvent extends Event {
  readonly destination: { readonly url: string; readonly sameDocument: boolean }
  readonly navigationType: 'push' | 'replace' | 'reload' | 'traverse'
  readonly sourceElement?: Element | null
}
const navigationOf = (win: Window) => (win as Window & { navigation?: EventTarget }).navigation

/** Stories render inside this element; links elsewhere (docs prose) navigate normally. */
export const STORY_ROOT = '[data-pelm-story]'

let departures: Departure[] = []
let popup: { frame: HTMLIFrameElement; state: PopupState } | undefined
let spareFrame: Promise<HTMLIFrameElement> | undefined
let popupsBlocked = false
let mountedStories = 0
const listeners = new Set<() => void>()
const changed = () => {
  for (const listener of listeners) listener()
}
const depart = (departure: Departure) => {
  departures = [...departures, departure]
  changed()
}

export const fakeBrowser = {
  departures: (): readonly Departure[] => departures,
  /** The last URL this tab (`navigation`) or the popup (`popup`) was sent to. */
  lastUrl: (kind: Departure['kind']) => departures.findLast((d) => d.kind === kind)?.url,
  popup: (): PopupState | undefined => popup?.state,
  subscribe(listener: () => void): () => void {
    listeners.add(listener)
    return () => listeners.delete(listener)
  },
}

/** Counts mounted stories: navigations are only held while one is on screen. */
export function storyMounted(): () => void {
  mountedStories += 1
  return () => {
    mountedStories -= 1
  }
}

function interceptNavigations(win: Window, kind: Departure['kind']): void {
  navigationOf(win)?.addEventListener('navigate', (event) => {
    const { destination, navigationType, sourceElement, cancelable } = event as NavigateEvent
    if (!cancelable || destination.sameDocument) return
    if (navigationType === 'reload' || navigationType === 'traverse') return
    if (kind === 'navigation' && mountedStories === 0) return
    if (kind === 'navigation' && sourceElement && !sourceElement.closest(STORY_ROOT)) return
    event.preventDefault()
    if (kind === 'popup' && popup) popup.state = { ...popup.state, url: destination.url }
    depart({ kind, url: destination.url })
  })
}

/** A hidden same-origin frame whose window plays the popup. srcdoc, not about:blank: the
 * Navigation API fires no events in an initial about:blank document. */
function prepareFrame(): Promise<HTMLIFrameElement> {
  spareFrame ??= new Promise((resolve) => {
    const frame = document.createElement('iframe')
    frame.hidden = true
    frame.title = 'Simulated Pelm Connect popup'
    frame.srcdoc = '<!doctype html><title>Pelm Connect</title>'
    frame.addEventListener(
      'load',
      () => {
        const win = frame.contentWindow as Window
        interceptNavigations(win, 'popup')
        // the app closes the popup once it has the result (or on error): the frame goes away
        win.close = () => closePopup()
        resolve(frame)
      },
      { once: true },
    )
    document.body.append(frame)
  })
  return spareFrame
}

let readyFrame: HTMLIFrameElement | undefined

function fakeOpen(): Window | null {
  if (popupsBlocked || !readyFrame) return null
  const frame = readyFrame
  readyFrame = undefined
  spareFrame = undefined
  popup = { frame, state: { url: undefined, closed: false } }
  changed()
  return frame.contentWindow
}

function closePopup(): void {
  if (!popup || popup.state.closed) return
  popup.frame.remove() // its window's `closed` turns true, which the button polls for
  popup = { ...popup, state: { ...popup.state, closed: true } }
  changed()
  void prepareFrame().then((frame) => {
    readyFrame = frame
  })
}

/** What the callback page inside the popup would post to the opener, sent from the popup. */
export function finishInPopup(outcome: Omit<ConnectResultMessage, 'type'>): void {
  const source = popup?.frame.contentWindow
  if (!source || popup?.state.closed) return
  const data: ConnectResultMessage = {
    type: 'pelm:result',
    ...outcome,
  }
  dispatchEvent(new MessageEvent('message', { data, origin: location.origin, source }))
}

/** The user closes the popup window without finishing. */
export const closePopupByUser = closePopup

/** The browser's Back button returning to the page from the bfcache, as after Connect. */
export function goBack(): void {
  departures = departures.filter((d) => d.kind !== 'navigation')
  changed()
  dispatchEvent(new PageTransitionEvent('pageshow', { persisted: true }))
}

/** Before each story: nothing departed, no popup, popups allowed unless the story blocks them. */
export async function resetFakeBrowser({ blockPopups = false } = {}): Promise<void> {
  departures = []
  if (popup && !popup.state.closed) popup.frame.remove()
  popup = undefined
  popupsBlocked = blockPopups
  changed()
  readyFrame = await prepareFrame()
}

let installed = false
/** Once per preview: holds this tab's navigations and stands in for `window.open`. */
export function installFakeBrowser(): void {
  if (installed) return
  installed = true
  interceptNavigations(window, 'navigation')
  const realOpen = window.open.bind(window)
  window.open = (...args) => (mountedStories > 0 ? fakeOpen() : realOpen(...args))
}
