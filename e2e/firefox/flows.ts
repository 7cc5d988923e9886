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
