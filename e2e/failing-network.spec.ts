import { expect, test } from './fixtures'
import { connectFirstTime, expectAccounts } from './pages'

// Requests that fail on the way (offline, a dropped connection): each button leaves its busy
// state, the page says what happened in words, and trying again works.

test('sign out while the server cannot be reached: said in words, still signed in, and the next try signs out', async ({
  page,
  userName,
}) => {
  await connectFirstTime(page, userName)
  await page.route('**/api/session', (route) =>
    route.request().method() === 'DELETE' ? route.abort('internetdisconnected') : route.fallback(),
  )
  const signOut = page.getByRole('button', { name: 'Sign out' })
  await signOut.click()
  // nothing was said before: the button came back and the page stayed as it was
  await expect(page.getByRole('alert')).toContainText('Could not sign out')
  await expect(page.getByRole('alert')).toContainText('could not be reached')
  await expect(signOut).toBeEnabled()
  await expect(page.getByRole('banner')).toContainText(userName)
  await expectAccounts(page)

  await page.unroute('**/api/session')
  await signOut.click()
  await expect(page.getByRole('heading', { name: 'Sign in to Homewatt' })).toBeVisible()
  await expect(page.getByRole('alert')).toHaveCount(0)
})
