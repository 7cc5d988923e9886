import type { BrowserContext } from '@playwright/test'
import { expect, test } from './fixtures'
import {
  acceptTerms,
  chooseUtility,
  confirmDisconnect,
  connectButton,
  connectFirstTime,
  connections,
  signIn,
  signInToUtility,
  UTILITY,
} from './pages'

/** A second tab of the same browser where the person signs out and `name` signs in. */
async function signInAgainInAnotherTab(context: BrowserContext, name: string) {
  const other = await context.newPage()
  await other.goto('/accounts')
  await other.getByRole('button', { name: 'Sign out' }).click()
  await expect(other).toHaveURL(/\/signin$/)
  await other.getByLabel('Your name').fill(name)
  await other.getByRole('button', { name: 'Sign in', exact: true }).click()
  await expect(other.getByRole('banner')).toContainText(name)
  return other
}

// Two people on one browser: A starts Connect in one tab; in another tab A signs out and B signs
// in; A's tab finishes Connect. The server refuses it (the state is bound to A); the page said
// "does not match a connection this browser started", which this browser had, and named nobody.
test('Connect started as A, finished after B signed in in another tab: refused, and the page says so', async ({
  page,
  context,
  userName,
}) => {
  const [a, b] = [`${userName} A`, `${userName} B`]
  await signIn(page, a)
  await connectButton(page).click()
  await acceptTerms(page)

  const other = await signInAgainInAnotherTab(context, b)

  await page.bringToFront()
  await chooseUtility(page)
  await signInToUtility(page)
  await expect(
    page.getByRole('heading', { name: 'We couldn’t connect your utility account' }),
  ).toBeVisible()
  const notice = page.getByText(`This connection was started while ${a} was signed in`)
  await expect(notice).toContainText(`${b} is signed in now`)
  await expect(notice).toContainText('nothing was connected to either account')
  await expect(page.getByRole('banner')).toContainText(b)

  // nothing attached to B, nor to A
  expect(await connections(page)).toEqual([])
  await other.getByRole('button', { name: 'Sign out' }).click()
  await expect(other).toHaveURL(/\/signin$/)
  await signIn(other, a)
  expect(await connections(other)).toEqual([])
})

// The tab still showing A after B signed in in another tab: its Disconnect went out as B, was
// answered 404 (not B's connection) and the page said "… was disconnected. Pelm forgot its
// login", while A's connection stayed connected.
test('a tab still showing A after B signed in elsewhere: Disconnect is refused, the tab says who is signed in, A keeps the connection', async ({
  page,
  context,
  userName,
}) => {
  const [a, b] = [`${userName} A`, `${userName} B`]
  await connectFirstTime(page, a)
  const other = await signInAgainInAnotherTab(context, b)

  await confirmDisconnect(page)
  await expect(page.getByText(`You are signed in as ${b} now`)).toBeVisible()
  await expect(page.getByRole('banner')).toContainText(b)
  await expect(page.getByText(`${UTILITY} was disconnected`)).toHaveCount(0)
  await expect(
    page.getByRole('heading', { name: 'No utility account connected yet' }),
  ).toBeVisible()

  await other.getByRole('button', { name: 'Sign out' }).click()
  await expect(other).toHaveURL(/\/signin$/)
  await signIn(other, a)
  expect((await connections(other)).map((connection) => connection.status)).toEqual(['active'])
})
