// The ConnectButton's browser behaviours of issue 18 (items 9 to 12) in Firefox ESR, on the built
// demo's Connect page. A slow Connect page or connect-token answer is a request held inside
// Firefox (network.ts): the demo and the sandbox run unchanged.
import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import type { Page } from 'puppeteer-core'
import { role, text } from './browser'
import { chooseOptions, clickForPopup, completeConnect, nextWindow, signIn } from './flows'
import { countRequests, holdFirst } from './network'

/** What the suite's entry file shares: the demo's URL, a fresh page per test, a new user name. */
export interface FirefoxRun {
  base: () => string
  withPage: (test: (page: Page) => Promise<void>) => Promise<void>
  nextUser: () => string
}

const button = '.button-block'
const state = (page: Page) => page.$eval(button, (element) => element.getAttribute('data-state'))
const pathname = (page: Page) => page.evaluate(() => location.pathname)
const isConnectPage = (url: string) => new URL(url).pathname === '/sandbox/connect'

/** On the accounts page after the button's `onSuccess`, with this utility's connection. */
async function connectedTo(page: Page, utility: string) {
  await page.waitForSelector(role('heading', 'Your energy accounts'))
  await text(page, 'Utility account connected')
  await page.waitForSelector(role('heading', utility))
}

export function connectButtonTests({ base, withPage, nextUser }: FirefoxRun) {
  describe('ConnectButton (issue 18, items 9 to 12)', () => {
    it('item 10: Stop while Connect loads: the button is ready again (3 s) and the next click opens Connect', () =>
      withPage(async (page) => {
        await signIn(page, base(), nextUser())
        const connect = await holdFirst(
          page,
          (request) => request.isNavigationRequest() && isConnectPage(request.url()),
        )
        await page.locator(button).click()
        await connect.sent
        assert.equal(await state(page), 'redirecting')
        // the person presses Stop while Connect is loading: window.stop() is what Stop and Esc do
        // (an Esc key sent over BiDi goes to the page, never to Firefox's own Stop)
        await page.evaluate(() => window.stop())
        await connect.release()
        await page.waitForSelector(`${button}[data-state="ready"][aria-busy="false"]`, {
          timeout: 6_000,
        })
        assert.equal(await pathname(page), '/connect')
        await page.locator(button).click()
        await text(page, 'Accept and continue')
        assert.ok(isConnectPage(page.url()), page.url())
      }))

    it('item 11: Back from Connect, then Forward: the flow finishes connected, and the return fetched no new URL', () =>
      withPage(async (page) => {
        const connectTokens = countRequests(page, 'POST', '/api/pelm/connect-token')
        await signIn(page, base(), nextUser())
        // known again only if Firefox restores this very page from its back/forward cache
        await page.evaluate(() => Reflect.set(window, 'e2eBeforeConnect', true))
        await page.locator(button).click()
        await text(page, 'Accept and continue')
        assert.equal(connectTokens(), 1)

        await page.evaluate(() => history.back()).catch(() => {})
        await page.waitForFunction(() => location.pathname === '/connect')
        assert.ok(
          await page.evaluate(() => Reflect.get(window, 'e2eBeforeConnect')),
          'Back did not restore the connect page from the back/forward cache',
        )
        await text(page, 'You left Pelm Connect')
        await page.waitForSelector(`${button}[data-state="ready"]`)

        await page.evaluate(() => history.forward()).catch(() => {})
        await page.waitForFunction(() => location.pathname === '/sandbox/connect')
        await completeConnect(page)
        await page.waitForSelector(role('heading', 'Utility account connected'))
        assert.equal(connectTokens(), 1)
      }))

    it('item 12: two Connect buttons in one window group each open their own popup; one finishing calls back only its own', () =>
      withPage(async (first) => {
        await signIn(first, base(), nextUser())
        // The demo has one Connect button a page: the second is on a tab the first page opened,
        // which shares its window names as a second button on the same page would.
        const opened = nextWindow(first)
        await first.evaluate(() => void open('/connect'))
        const second = await opened
        // the tab in front (a hidden tab paints nothing, so puppeteer cannot click in it)
        const use = async (tab: Page) => {
          await tab.bringToFront()
          return tab
        }
        await chooseOptions(await use(second), { mode: 'popup', utility: 'sce' })
        await chooseOptions(await use(first), { mode: 'popup', utility: 'pge' })

        const firstPopup = await clickForPopup(first)
        const secondPopup = await clickForPopup(await use(second))
        await text(firstPopup, 'Accept and continue')
        await text(secondPopup, 'Accept and continue')

        await completeConnect(secondPopup, { utility: null })
        await connectedTo(second, 'Southern California Edison')
        // the first button still waits for its own popup, which is still on Connect's first page
        assert.equal(await pathname(first), '/connect')
        assert.equal(await state(first), 'redirecting')
        assert.ok(isConnectPage(firstPopup.url()), firstPopup.url())
        assert.equal(firstPopup.isClosed(), false)

        // it follows that popup alone: closing it ends its attempt (ready again, no success)
        await firstPopup.close()
        await use(first)
        await first.waitForSelector(`${button}[data-state="ready"]`)
        assert.equal(await pathname(first), '/connect')
      }))

    it("item 9: a click while another utility's URL is still being fetched: its popup finishes connected, no state_mismatch", () =>
      withPage(async (page) => {
        await signIn(page, base(), nextUser())
        await chooseOptions(page, { mode: 'popup' })
        const slow = await holdFirst(
          page,
          (request) => new URL(request.url()).pathname === '/api/pelm/connect-token',
        )
        await page.select('#utility', 'pge')
        await slow.sent
        await chooseOptions(page, { mode: 'popup', utility: 'sce' })
        // Connect opens with this button's own URL at once: the click does not wait for the other
        const popup = await clickForPopup(page)
        await text(popup, 'Accept and continue')
        // the other utility's answer lands while this popup's Connect session is open
        const landed = page.waitForResponse(
          (response) => new URL(response.url()).pathname === '/api/pelm/connect-token',
        )
        await slow.release()
        await landed
        await completeConnect(popup, { utility: null })
        // the exchange took this popup's state: no "state_mismatch" error, the connection is made
        await connectedTo(page, 'Southern California Edison')
      }))
  })
}
