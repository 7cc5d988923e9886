// Keeps stories inside Storybook. `ConnectButton` leaves the page with `location.assign(url)`
// (redirect mode) or `window.open()` + `popup.location.href = url` (popup mode). `location.assign`
// cannot be replaced (the property is unforgeable), so cross-document navigations started from a
// story are cancelled through the Navigation API (Chromium-based browsers; the story tests run in
// Chromium) and recorded instead. `window.open` is replaced by same-origin frames that stand in
// for popups: real `Window`s, so the button's `postMessage` checks (`source === popup`) hold, and
// named as browsers name windows (a second `open` with the same name, not `_blank`, returns the
// window already open under it).
import type { ConnectOutcome, ConnectResultMessage } from '@acme/pelm-react'

/** A navigation the story asked for and Storybook stopped. */
export interface Departure {
  /** `navigation`: this tab (redirect mode); `popup`: a popup window was pointed at `url`. */
  kind: 'navigation' | 'popup'
  url: string
}

/** What a fake popup window shows; `closed` once the app or the user closed it. */
export interface PopupState {
  /** 1 for the first popup the story opened, 2 for the next… */
  number: number
  url: string | undefined
  closed: boolean
}

interface Popup {
  frame: HTMLIFrameElement
  name: string
  state: PopupState
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

/** Frames loaded ahead of time: `window.open` must hand out a window synchronously. */
const SPARE_FRAMES = 2

let departures: Departure[] = []
let popups: Popup[] = []
/** What `fakeBrowser.popups()` returns: a new array only when something changed. */
let popupStates: readonly PopupState[] = []
let spareFrames: HTMLIFrameElement[] = []
let popupsBlocked = false
let mountedStories = 0
const listeners = new Set<() => void>()
const changed = () => {
  popupStates = popups.map((p) => p.state)
  for (const listener of listeners) listener()
}
const depart = (departure: Departure) => {
  departures = [...departures, departure]
  changed()
}
const latestOpen = () => popups.findLast((p) => !p.state.closed)
const update = (popup: Popup, state: Partial<PopupState>) => {
  popup.state = { ...popup.state, ...state }
  changed()
}

export const fakeBrowser = {
  departures: (): readonly Departure[] => departures,
  /** The last URL this tab (`navigation`) or a popup (`popup`) was sent to. */
  lastUrl: (kind: Departure['kind']) => departures.findLast((d) => d.kind === kind)?.url,
  /** The popup opened last (open or closed). */
  popup: (): PopupState | undefined => popups.at(-1)?.state,
  /** Every popup the story opened, oldest first. */
  popups: (): readonly PopupState[] => popupStates,
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
    const popup = popups.find((p) => p.frame.contentWindow === win)
    if (popup) update(popup, { url: destination.url })
    depart({ kind, url: destination.url })
  })
}

/** A hidden same-origin frame whose window plays a popup. srcdoc, not about:blank: the
 * Navigation API fires no events in an initial about:blank document. */
function prepareFrame(): Promise<HTMLIFrameElement> {
  return new Promise((resolve) => {
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
        win.close = () => closePopup(win)
        resolve(frame)
      },
      { once: true },
    )
    document.body.append(frame)
  })
}

async function refillSpareFrames(): Promise<void> {
  while (spareFrames.length < SPARE_FRAMES) spareFrames = [...spareFrames, await prepareFrame()]
}

function fakeOpen(target: string): Window | null {
  if (popupsBlocked) return null
  const named = target === '_blank' ? undefined : popups.find((p) => p.name === target)
  if (named && !named.state.closed) return named.frame.contentWindow
  const [frame, ...rest] = spareFrames
  if (!frame) return null
  spareFrames = rest
  popups = [
    ...popups,
    { frame, name: target, state: { number: popups.length + 1, url: undefined, closed: false } },
  ]
  changed()
  void refillSpareFrames()
  return frame.contentWindow
}

function closePopup(win: Window | null | undefined): void {
  const popup = popups.find((p) => p.frame.contentWindow === win)
  if (!popup || popup.state.closed) return
  popup.frame.remove() // its window's `closed` turns true, which the button polls for
  update(popup, { closed: true })
}

/** The popup with this number, or the one opened last that is still open. */
const popupNumbered = (number?: number) =>
  number === undefined ? latestOpen() : popups.find((p) => p.state.number === number)

/**
 * What the callback page inside a popup would post to the opener, sent from that popup (the one
 * opened last unless `number` says which).
 */
export function finishInPopup(outcome: ConnectOutcome, number?: number): void {
  const popup = popupNumbered(number)
  const source = popup?.frame.contentWindow
  if (!source || popup.state.closed) return
  const data: ConnectResultMessage = { ...outcome, type: 'pelm:result' }
  dispatchEvent(new MessageEvent('message', { data, origin: location.origin, source }))
}

/** The user closes a popup window without finishing (the one opened last unless `number` says). */
export function closePopupByUser(number?: number): void {
  closePopup(popupNumbered(number)?.frame.contentWindow)
}

/** The browser's Back button returning to the page from the bfcache, as after Connect. */
export function goBack(): void {
  departures = departures.filter((d) => d.kind !== 'navigation')
  changed()
  dispatchEvent(new PageTransitionEvent('pageshow', { persisted: true }))
}

/** Before each story: nothing departed, no popup, popups allowed unless the story blocks them. */
export async function resetFakeBrowser({ blockPopups = false } = {}): Promise<void> {
  departures = []
  for (const popup of popups) popup.frame.remove()
  popups = []
  popupsBlocked = blockPopups
  changed()
  await refillSpareFrames()
}

let installed = false
/** Once per preview: holds this tab's navigations and stands in for `window.open`. */
export function installFakeBrowser(): void {
  if (installed) return
  installed = true
  interceptNavigations(window, 'navigation')
  const realOpen = window.open.bind(window)
  // an absent or empty target is `_blank`, as in browsers
  window.open = (...args) =>
    mountedStories > 0 ? fakeOpen(String(args[1] || '_blank')) : realOpen(...args)
}
