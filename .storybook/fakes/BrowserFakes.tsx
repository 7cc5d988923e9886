import { type ReactNode, useEffect, useSyncExternalStore } from 'react'
import { closePopupByUser, fakeBrowser, finishInPopup, goBack, storyMounted } from './browser'
import { CONNECT_ORIGIN } from './server'

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
      {chrome && <FakePopupWindow />}
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
 * What the callback page inside the popup does once Pelm redirects it back: exchanges the code
 * (`POST /api/pelm/exchange`), then reports the outcome to this window.
 */
async function connectInPopup(connectUrl = '') {
  const state = new URL(connectUrl, location.href).searchParams.get('state')
  const response = await fetch('/api/pelm/exchange', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ code: `pelm_code_${state}`, state }),
  })
  const answer = (await response.json().catch(() => undefined)) as
    | { error?: { code: string; message: string } }
    | undefined
  finishInPopup(
    response.ok
      ? { status: 'success' }
      : { status: 'error', error: answer?.error ?? { code: 'http_error', message: 'Failed' } },
  )
}

/** The window `window.open` returned, drawn inside the story, with what the user could do in it. */
function FakePopupWindow() {
  const popup = useFakeBrowser(fakeBrowser.popup)
  if (!popup || popup.closed) return null
  return (
    <section className="sb-popup" aria-label="Popup window (simulated)">
      <p className="sb-popup__title">pelm-connect: popup window (simulated)</p>
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
        <button type="button" onClick={() => connectInPopup(popup.url)}>
          Finish: account connected
        </button>
        <button
          type="button"
          onClick={() => finishInPopup({ status: 'exited', exitReason: 'user_initiated_exit' })}
        >
          Quit Connect
        </button>
        <button
          type="button"
          onClick={() =>
            finishInPopup({
              status: 'error',
              error: { code: 'connect_max_attempted_logins', message: 'Too many login attempts' },
            })
          }
        >
          Fail: too many logins
        </button>
        <button type="button" onClick={closePopupByUser}>
          Close the window
        </button>
      </div>
    </section>
  )
}
