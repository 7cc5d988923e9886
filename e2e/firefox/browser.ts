import puppeteer, { type Browser, type BrowserContext, type Page } from 'puppeteer-core'
import { firefoxPath } from '../../scripts/lib/firefox.mjs'

/**
 * Debian's Firefox ESR driven over WebDriver BiDi by puppeteer-core (no browser download): one
 * browser per run, a fresh context (cookies, storage) per test.
 */
export function launchFirefox(): Promise<Browser> {
  return puppeteer.launch({
    browser: 'firefox',
    protocol: 'webDriverBiDi',
    executablePath: firefoxPath,
    headless: true,
    extraPrefsFirefox: {
      // no update checks, telemetry or remote settings on a closed network
      'app.update.enabled': false,
      'browser.shell.checkDefaultBrowser': false,
      'toolkit.telemetry.enabled': false,
      'dom.disable_open_during_load': false,
    },
  })
}

/** Puppeteer's ARIA selector: the element with this role and exactly this accessible name. */
export const role = (kind: string, name: string) =>
  `::-p-aria([name=${JSON.stringify(name)}][role="${kind}"])`

/** Waits until an element with this text is on the page. */
export const text = (page: Page, value: string, timeout = 10_000) =>
  page.waitForSelector(`::-p-text(${value})`, { timeout })

/** The page's visible text. */
export const bodyText = (page: Page) => page.$eval('body', (body) => body.textContent ?? '')

/** A fresh context and page at `url`. */
export async function openPage(
  browser: Browser,
  url: string,
): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.createBrowserContext()
  const page = await context.newPage()
  page.setDefaultTimeout(15_000)
  await page.goto(url)
  return { context, page }
}
