import type { Page } from '@playwright/test'
import { expect } from './fixtures'

// What a person does on each page of the demo and of the sandbox's Connect pages.

export const SANDBOX_LOGIN = { username: 'user@pelm.com', password: 'password' }
export const UTILITY = 'Pacific Gas and Electric'

/** Signs in to the demo with a typed name; lands on the connect page (not connected yet). */
/** Signs in at `url` (the demo's sign-in page: its own, or its address behind a proxy). */
export async function signIn(page: Page, name: string, url = '/signin') {
  await page.goto(url)
  await expect(page.getByRole('heading', { name: 'Sign in to Homewatt' })).toBeVisible()
  await page.getByLabel('Your name').fill(name)
  await page.getByRole('button', { name: 'Sign in', exact: true }).click()
  await expect(page.getByRole('banner')).toContainText(name)
}

/** The connect page's button; it navigates at once once the connect URL is prefetched. */
export const connectButton = (page: Page) =>
  page.getByRole('button', { name: /^Connect (utility account|Pacific)/ })

export async function acceptTerms(page: Page) {
  await expect(page.getByRole('heading', { name: 'Connect your utility account' })).toBeVisible()
  await page.getByRole('button', { name: 'Accept and continue' }).click()
}

export async function chooseUtility(page: Page, name = UTILITY) {
  await expect(page.getByRole('heading', { name: 'Select your utility' })).toBeVisible()
  await page.getByRole('radio', { name: new RegExp(name) }).check()
  await page.getByRole('button', { name: 'Continue' }).click()
}

export async function signInToUtility(page: Page, login = SANDBOX_LOGIN) {
  await expect(page.getByRole('heading', { name: /^Sign in to / })).toBeVisible()
  await page.getByLabel('Username').fill(login.username)
  await page.getByLabel('Password').fill(login.password)
  await page.getByRole('button', { name: 'Sign in', exact: true }).click()
}

/** On the callback page after a successful exchange. */
export async function expectConnected(page: Page) {
  await expect(page.getByRole('heading', { name: 'Utility account connected' })).toBeVisible()
  await expect(page).toHaveURL(/\/pelm\/callback$/)
}

/** The accounts page: waits for them (Pelm may still be gathering the data at first). */
export async function expectAccounts(page: Page) {
  await expect(page.getByRole('heading', { name: 'Your energy accounts', level: 1 })).toBeVisible()
  await expect(page.getByRole('table', { name: 'Latest bills' }).first()).toBeVisible()
  await expect(page.getByText(/^Connected since /).first()).toBeVisible()
}

/** One connection's section on the accounts page, by its utility's name. */
export const connectionCard = (page: Page, utility: string) =>
  page.getByRole('region', { name: utility, exact: true })

/** Signs in, picks popup mode and clicks Connect: answers the popup window. */
export async function openConnectPopup(page: Page, name: string): Promise<Page> {
  await signIn(page, name)
  await page.getByRole('radio', { name: 'A popup window' }).check()
  const opened = page.waitForEvent('popup')
  await connectButton(page).click()
  return opened
}

/** Sign in, then the whole redirect flow in create mode, up to the callback page's success. */
export async function connectUntilCallback(page: Page, name: string, utility = UTILITY) {
  await signIn(page, name)
  await connectFromConnectPage(page, utility)
}

/** From the connect page (signed in): a new connection to `utility`, up to the callback page. */
export async function connectFromConnectPage(page: Page, utility = UTILITY) {
  await connectButton(page).click()
  await acceptTerms(page)
  await chooseUtility(page, utility)
  await signInToUtility(page)
  await expectConnected(page)
}

/** Sign in, then the whole redirect flow in create mode, up to the accounts. */
export async function connectFirstTime(page: Page, name: string) {
  await connectUntilCallback(page, name)
  await page.getByRole('link', { name: 'See your accounts' }).click()
  await expectAccounts(page)
}

/** On the accounts page: Disconnect on that connection's section, then "Yes, disconnect". */
export async function confirmDisconnect(page: Page, utility = UTILITY) {
  await connectionCard(page, utility).getByRole('button', { name: 'Disconnect' }).click()
  await page
    .getByRole('alertdialog', { name: `Disconnect ${utility}?` })
    .getByRole('button', { name: 'Yes, disconnect' })
    .click()
}

/** The accounts page in a second tab of the same browser (same session), once it lists them. */
export async function accountsInAnotherTab(page: Page): Promise<Page> {
  const other = await page.context().newPage()
  await other.goto('/accounts')
  await expect(other.getByText(/^Connected since /).first()).toBeVisible()
  return other
}

export interface ConnectionJson {
  id: string
  connectedAt: string
  utility?: { id?: string; slug?: string; name?: string }
  status: 'active' | 'reconnect_required' | 'unknown'
}

/** `GET /api/pelm/connections` with the page's cookies. */
export async function connections(page: Page): Promise<ConnectionJson[]> {
  const response = await page.request.get('/api/pelm/connections')
  expect(response.ok()).toBe(true)
  return (await response.json()).connections
}
