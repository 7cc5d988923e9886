import type { Page } from 'puppeteer-core'
import { role, text } from './browser'

export const UTILITY = 'Pacific Gas and Electric'

/** The demo sign-in with a typed name; lands on the connect page. */
export async function signIn(page: Page, base: string, name: string) {
  await page.goto(`${base}/signin`)
  await page.locator('#name').fill(name)
  await page.locator('form button[type="submit"]').click()
  await page.waitForSelector('.button-block[data-state="ready"]')
}

/** The next window `page` opens; fails when none opens within `timeout`. */
export function nextWindow(page: Page, timeout = 5_000): Promise<Page> {
  return new Promise((resolve, reject) => {
    const opened = (popup: Page | null) => {
      clearTimeout(timer)
      if (popup) resolve(popup)
      else reject(new Error('the window that opened is not a page'))
    }
    const timer = setTimeout(() => {
      page.off('popup', opened)
      reject(new Error(`no new window opened within ${timeout} ms`))
    }, timeout)
    page.once('popup', opened)
  })
}

/** The Connect page's options: popup or redirect mode and (optional) a utility's slug. */
export async function chooseOptions(
  page: Page,
  { mode, utility }: { mode: 'popup' | 'redirect'; utility?: string },
) {
  await page.locator(`input[name="mode"][value="${mode}"]`).click()
  if (!utility) return
  await page.select('#utility', utility)
  // the button's own URL for that utility, prefetched
  await page.waitForFunction(
    (slug) => {
      const select = document.querySelector<HTMLSelectElement>('#utility')
      const button = document.querySelector<HTMLElement>('.button-block')
      const name = select?.selectedOptions[0]?.textContent ?? slug
      return button?.dataset.state === 'ready' && button.textContent?.includes(`Connect ${name}`)
    },
    {},
    utility,
  )
}

/** Clicks the Connect button in popup mode: answers its popup. */
export async function clickForPopup(page: Page): Promise<Page> {
  const opened = nextWindow(page)
  await page.locator('.button-block').click()
  return opened
}

/** Signs in, picks popup mode and clicks Connect: answers the popup. */
export async function openConnectPopup(page: Page, base: string, name: string): Promise<Page> {
  await signIn(page, base, name)
  await chooseOptions(page, { mode: 'popup' })
  return clickForPopup(page)
}

/**
 * The sandbox's Connect pages: Terms (create mode), utility (`null`: chosen in the app, so
 * Connect skips its list), credentials.
 */
export async function completeConnect(
  page: Page,
  { terms = true, utility = 'pge' as string | null } = {},
) {
  if (terms) {
    await text(page, 'Accept and continue')
    await Promise.all([
      page.waitForNavigation(),
      page.locator(role('button', 'Accept and continue')).click(),
    ])
  }
  if (utility) {
    await page.waitForSelector(`input[name="utility"][value="${utility}"]`)
    await page.locator(`input[name="utility"][value="${utility}"]`).click()
    await Promise.all([page.waitForNavigation(), page.locator(role('button', 'Continue')).click()])
  }
  await page.locator('input[name="username"]').fill('user@pelm.com')
  await page.locator('input[name="password"]').fill('password')
  await page.locator(role('button', 'Sign in')).click()
}
