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

/** Signs in, picks popup mode and clicks Connect: answers the popup. */
export async function openConnectPopup(page: Page, base: string, name: string): Promise<Page> {
  await signIn(page, base, name)
  await page.locator('input[name="mode"][value="popup"]').click()
  const opened = new Promise<Page | null>((resolve) => page.once('popup', resolve))
  await page.locator('.button-block').click()
  const popup = await opened
  if (!popup) throw new Error('Connect did not open a popup')
  return popup
}

/** The sandbox's Connect pages: Terms (create mode), utility, credentials. */
export async function completeConnect(page: Page, { terms = true, utility = 'pge' } = {}) {
  if (terms) {
    await text(page, 'Accept and continue')
    await Promise.all([
      page.waitForNavigation(),
      page.locator(role('button', 'Accept and continue')).click(),
    ])
  }
  await page.waitForSelector(`input[name="utility"][value="${utility}"]`)
  await page.locator(`input[name="utility"][value="${utility}"]`).click()
  await Promise.all([page.waitForNavigation(), page.locator(role('button', 'Continue')).click()])
  await page.locator('input[name="username"]').fill('user@pelm.com')
  await page.locator('input[name="password"]').fill('password')
  await page.locator(role('button', 'Sign in')).click()
}
