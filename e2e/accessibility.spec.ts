import { expect, test } from './fixtures'

// many full-page scans each: several seconds apiece on a busy two-core machine
test.describe.configure({ timeout: 120_000 })

import {
  acceptTerms,
  chooseUtility,
  connectButton,
  connectUntilCallback,
  expectAccounts,
  SANDBOX_LOGIN,
  signIn,
  signInToUtility,
} from './pages'

test('every demo page before a connection: no serious or critical axe violations', async ({
  page,
  axe,
  userName,
}) => {
  await page.goto('/signin')
  await expect(page.getByRole('heading', { name: 'Sign in to Homewatt' })).toBeVisible()
  await axe(page, 'sign-in')

  await signIn(page, userName)
  await expect(connectButton(page)).toHaveAttribute('data-state', 'ready')
  await page.getByText('Sandbox logins for the utility sign-in').click()
  await axe(page, 'connect')

  await page.goto('/accounts')
  await expect(
    page.getByRole('heading', { name: 'No utility account connected yet' }),
  ).toBeVisible()
  await axe(page, 'accounts, not connected')

  await page.goto('/pelm/callback?code=made-up&state=made-up')
  await expect(
    page.getByRole('heading', { name: 'We couldn’t connect your utility account' }),
  ).toBeVisible()
  await axe(page, 'callback, error')

  await page.goto('/pelm/callback')
  await expect(page.getByRole('heading', { name: 'Nothing to finish here' })).toBeVisible()
  await axe(page, 'callback, idle')

  await page.goto('/no-such-page')
  await expect(page.getByRole('heading', { name: 'Page not found' })).toBeVisible()
  await axe(page, 'not found')

  await page.goto('/connect')
  await connectButton(page).click()
  await page.getByRole('button', { name: 'Exit' }).click()
  await expect(page.getByRole('heading', { name: 'You left Pelm Connect' })).toBeVisible()
  await axe(page, 'callback, exited')
})

test('every demo page of a connection: no serious or critical axe violations', async ({
  page,
  axe,
  userName,
}) => {
  await connectUntilCallback(page, userName)
  await axe(page, 'callback, success')

  await page.getByRole('link', { name: 'See your accounts' }).click()
  await expectAccounts(page)
  await axe(page, 'accounts')
  await page.setViewportSize({ width: 390, height: 844 })
  await axe(page, 'accounts, phone width')
})

test('every sandbox Connect page: no serious or critical axe violations', async ({
  page,
  axe,
  userName,
}) => {
  await signIn(page, userName)
  await connectButton(page).click()
  await expect(page.getByRole('button', { name: 'Accept and continue' })).toBeVisible()
  await axe(page, 'sandbox terms')

  await acceptTerms(page)
  await expect(page.getByRole('heading', { name: 'Select your utility' })).toBeVisible()
  await axe(page, 'sandbox utility selection')
  await page.getByLabel('Search utilities').fill('edison')
  await page.getByRole('button', { name: 'Search' }).click()
  await expect(page.getByRole('status')).toContainText('match')
  await axe(page, 'sandbox utility search')

  await chooseUtility(page, 'Southern California Edison')
  await expect(page.getByRole('heading', { name: /^Sign in to / })).toBeVisible()
  await axe(page, 'sandbox credentials')
  await signInToUtility(page, { username: SANDBOX_LOGIN.username, password: 'wrong' })
  await expect(page.getByText('The username or password is incorrect.')).toBeVisible()
  await axe(page, 'sandbox credentials, refused')

  await page.goto('/sandbox/connect/?connect_token=unknown&redirect_uri=http%3A%2F%2Flocalhost%2F')
  await expect(page.getByRole('heading')).not.toHaveCount(0)
  await axe(page, 'sandbox error page')
})
