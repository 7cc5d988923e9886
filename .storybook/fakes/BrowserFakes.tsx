import type { ExchangeResponse } from '@acme/pelm-react'
import { type ReactNode, useEffect, useSyncExternalStore } from 'react'
import {
  closePopupByUser,
  fakeBrowser,
  finishInPopup,
  goBack,
  type PopupState,
  storyMounted,
} from './browser'
import { CONNECT_ORIGIN } from './server'

/** The error body of the server's routes. */
interface PelmRouteError {
  error: { code: string; message: string }
}

const useFakeBrowser = <T,>(read: () => T): T =>
  useSyncExternalStore(fakeBrowser.subscribe, read, read)

/** Wraps every story: marks its root (navigations from inside it are held) and shows what the
 * fake browser stopped. */
export function StoryFrame({ children, chrome }: { children: ReactNode; chrome: boolean }) {
  useEffect(storyMounted, [])
  return (
    // STORY_ROOT selects this attribute
    <div data-pelm-story="" className="sb-story">
      {children}
      {chrome && <HeldNavigation />}
      {chrome && <FakePopupWindows />}
    </div>
  )
}

/** Shown once the story sent this tab away: where to, and a way back. */
function HeldNavigation() {
  const departures = useFakeBrowser(fakeBrowser.departures)
  const url = departures.findLast((d) => d.kind === 'navigation')?.url
  return (
    <div role="status" className="sb-notice" hidden={!url}>
      {url && (
        <>
          <p>
            <strong>
              {url.startsWith(CONNECT_ORIGIN) ? 'Navigated to Connect.' : 'Navigated away.'}
            </strong>{' '}
            Storybook held the tab here; the app sent it to <code>{url}</code>
          </p>
          <button type="button" onClick={goBack}>
            Come back (browser Back)
          </button>
        </>
      )}
    </div>
  )
}

/**
 * What the callback page inside a popup does once Pelm redirects it back: exchanges the code
 * (`POST /api/pelm/exchange`), then reports the outcome, with the connection, to this window.
 */
async function connectInPopup(popup: PopupState) {
  const state = new URL(popup.url ?? '', location.href).searchParams.get('state')
  const response = await fetch('/api/pelm/exchange', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ code: `pelm_code_${state}`, state }),
  })
  const answer = (await response.json().catch(() => undefined)) as
    | Partial<ExchangeResponse & PelmRouteError>
    | undefined
  finishInPopup(
    response.ok && answer?.connection
      ? { status: 'success', connection: answer.connection }
      : { status: 'error', error: answer?.error ?? { code: 'http_error', message: 'Failed' } },
    popup.number,
  )
}

/** Every open popup window, drawn inside the story, with what the user could do in it. */
function FakePopupWindows() {
  const popups = useFakeBrowser(fakeBrowser.popups)
  const several = popups.length > 1
  return popups
    .filter((popup) => !popup.closed)
    .map((popup) => (
      <FakePopupWindow key={popup.number} popup={popup} title={several ? ` ${popup.number}` : ''} />
    ))
}

function FakePopupWindow({ popup, title }: { popup: PopupState; title: string }) {
  const label = `Popup window${title} (simulated)`
  return (
    <section className="sb-popup" aria-label={label}>
      <p className="sb-popup__title">pelm-connect: popup window{title} (simulated)</p>
      <p role="status">
        {popup.url ? (
          <>
            Pelm Connect is open at <code>{popup.url}</code>
          </>
        ) : (
          'Opening…'
        )}
      </p>
      <div className="sb-popup__actions">
        <button type="button" onClick={() => connectInPopup(popup)}>
          Finish: account connected
        </button>
        <button
          type="button"
          onClick={() =>
            finishInPopup({ status: 'exited', exitReason: 'user_initiated_exit' }, popup.number)
          }
        >
          Quit Connect
        </button>
        <button
          type="button"
          onClick={() =>
            finishInPopup(
              {
                status: 'error',
                error: { code: 'connect_max_attempted_logins', message: 'Too many login attempts' },
              },
              popup.number,
            )
          }
        >
          Fail: too many logins
        </button>
        <button type="button" onClick={() => closePopupByUser(popup.number)}>
          Close the window
        </button>
      </div>
    </section>
  )
}
