// The redirect and popup flows, and the issue-18 items seen in Firefox (the ConnectButton's, items
// 9 to 12, in connect-button.ts), in Debian's Firefox ESR over WebDriver BiDi (puppeteer-core),
// against the built demo as `npm start` runs it: one demo and one browser for all of them.
import assert from 'node:assert/strict'
import { rmSync } from 'node:fs'
import { after, before, describe, it } from 'node:test'
import type { Browser, Page } from 'puppeteer-core'
import { buildDemoOnce, freshDataDir, type RunningDemo, startDemo } from '../demo-server'
import { bodyText, launchFirefox, openPage, role, text } from './browser'
import { connectButtonTests } from './connect-button'
import { completeConnect, openConnectPopup, signIn, UTILITY } from './flows'

let browser: Browser
let demo: RunningDemo
let base: string
const dataDir = freshDataDir()
let users = 0
const nextUser = () => `Firefox ${process.pid} ${++users}`

before(async () => {
  buildDemoOnce()
  demo = await startDemo({ DATA_DIR: dataDir })
  base = demo.url
  browser = await launchFirefox()
})

after(async () => {
  await browser?.close()
  await demo?.stop()
  rmSync(dataDir, { recursive: true, force: true })
})

async function withPage(test: (page: Page) => Promise<void>) {
  // each test starts by signing in: no page to load before that
  const { context, page } = await openPage(browser, 'about:blank')
  try {
    await test(page)
  } finally {
    await context.close()
  }
}

describe('Firefox ESR', () => {
  it('the redirect flow: Connect in this tab, back on the callback page, accounts with a usage chart', () =>
    withPage(async (page) => {
      await signIn(page, base, nextUser())
      await Promise.all([page.waitForNavigation(), page.locator('.button-block').click()])
      assert.match(page.url(), /\/sandbox\/connect/)
      await completeConnect(page)
      await page.waitForSelector(role('heading', 'Utility account connected'))
      assert.equal(new URL(page.url()).search, '')
      await page.locator(role('link', 'See your accounts')).click()
      await page.waitForSelector('table.bills')
      await page.waitForSelector('svg.usage-svg rect.usage-bar')
      assert.equal(
        await page.$$eval(
          'svg.usage-svg',
          (svgs) => svgs[0]?.querySelectorAll('rect.usage-bar').length,
        ),
        28,
      )
    }))

  it('the popup flow: Connect in a popup that closes itself, the accounts in the first window', () =>
    withPage(async (page) => {
      const popup = await openConnectPopup(page, base, nextUser())
      await completeConnect(popup)
      await page.waitForSelector(role('heading', 'Your energy accounts'))
      await text(page, 'Utility account connected')
      await page.waitForSelector('table.bills')
    }))

  it('item 14: Back after a successful redirect shows the connection, not "Nothing was connected"', () =>
    withPage(async (page) => {
      await signIn(page, base, nextUser())
      await Promise.all([page.waitForNavigation(), page.locator('.button-block').click()])
      await completeConnect(page)
      await page.waitForSelector(role('heading', 'Utility account connected'))
      // Back, one history entry at a time, as a person would (the sandbox's pages in between).
      // The page's own location: puppeteer's page.url() misses a restore from the back/forward cache.
      const where = () => page.evaluate(() => location.pathname).catch(() => '')
      for (let step = 0; step < 10 && (await where()) !== '/connect'; step++) {
        await page.evaluate(() => history.back()).catch(() => {})
        await new Promise((resolve) => setTimeout(resolve, 1000))
      }
      assert.equal(await where(), '/connect')
      await page.waitForFunction(
        (utility) =>
          document.body.textContent?.includes(`${utility} is connected`) ||
          document.body.textContent?.includes('You have 1 connected utility account'),
        {},
        UTILITY,
      )
      assert.doesNotMatch(await bodyText(page), /Nothing was connected/)
    }))

  it('item 14: closing the popup as the exchange answers still shows the connection', () =>
    withPage(async (page) => {
      const popup = await openConnectPopup(page, base, nextUser())
      // The person closes the window while it finishes: once the server has answered the
      // exchange (closing earlier may cancel the request before it leaves Firefox). Whether the
      // close or the popup's own report wins, the page must show the connection.
      popup.on('response', (response) => {
        if (response.url().endsWith('/api/pelm/exchange')) void popup.close().catch(() => {})
      })
      await completeConnect(popup)
      await page.waitForFunction(
        (utility) =>
          document.body.textContent?.includes(`${utility} is connected`) ||
          document.body.textContent?.includes('Utility account connected'),
        { timeout: 20_000 },
        UTILITY,
      )
      assert.doesNotMatch(await bodyText(page), /Nothing was connected/)
      const listed = await page.evaluate(
        async () => (await (await fetch('/api/pelm/connections')).json()).connections.length,
      )
      assert.equal(listed, 1)
    }))

  it('item 15: /pelm/callback?error=__proto__ (and constructor, toString) shows a real message', () =>
    withPage(async (page) => {
      await signIn(page, base, nextUser())
      for (const code of ['__proto__', 'constructor', 'toString']) {
        await page.goto(`${base}/pelm/callback?error=${code}&state=x`)
        await page.waitForSelector(role('heading', 'We couldn’t connect your utility account'))
        const alert = await page.$eval('[role="alert"]', (element) => element.textContent ?? '')
        assert.match(alert, /Something went wrong while talking to Pelm/)
        assert.ok(!alert.includes(code), alert)
      }
    }))

  it('item 17: leftover parameters leave the address bar; at 375 px nothing scrolls sideways', () =>
    withPage(async (page) => {
      await signIn(page, base, nextUser())
      for (const query of [
        '?state=x',
        '?code=&state=',
        '?error=access_denied&error_description=Denied&state=x',
      ]) {
        await page.goto(`${base}/pelm/callback${query}`)
        await page.waitForSelector('h1')
        await page.waitForFunction(() => location.search === '')
      }
      await page.setViewport({ width: 375, height: 812 })
      await page.goto(`${base}/connect`)
      await page.locator('.sandbox-logins summary').click()
      await page.waitForSelector('.sandbox-logins table')
      const widths = await page.evaluate(() => ({
        page: document.documentElement.scrollWidth,
        viewport: document.documentElement.clientWidth,
      }))
      assert.ok(widths.page <= widths.viewport, JSON.stringify(widths))
    }))

  connectButtonTests({ base: () => base, withPage, nextUser })
})
