import { expect, test } from './fixtures'
import {
  accountsInAnotherTab,
  confirmDisconnect,
  connectFirstTime,
  connectionCard,
  expectAccounts,
  UTILITY,
} from './pages'

test('signed out in another tab: the next action leads to sign-in, and back to the accounts after', async ({
  page,
  userName,
}) => {
  await connectFirstTime(page, userName)
  const other = await accountsInAnotherTab(page)
  await other.getByRole('button', { name: 'Sign out' }).click()
  await expect(other).toHaveURL(/\/signin$/)
  await other.close()

  // the first tab still shows the accounts; its next request is refused (401 unauthenticated)
  await page.bringToFront()
  await confirmDisconnect(page)
  // not a "Try again" that can only fail again, under a header that still names the user
  await expect(page.getByRole('heading', { name: 'Sign in to Homewatt' })).toBeVisible()
  await expect(page).toHaveURL(/\/signin\?next=%2Faccounts$/)
  await expect(page.getByRole('button', { name: 'Sign out' })).toHaveCount(0)

  await page.getByLabel('Your name').fill(userName)
  await page.getByRole('button', { name: 'Sign in', exact: true }).click()
  await expect(page).toHaveURL(/\/accounts$/)
  await expectAccounts(page)
  await expect(connectionCard(page, UTILITY)).toBeVisible()
})
