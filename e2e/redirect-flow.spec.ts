import { expect, test } from './fixtures'
import {
  acceptTerms,
  chooseUtility,
  connectButton,
  connections,
  expectAccounts,
  expectConnected,
  SANDBOX_LOGIN,
  signIn,
  signInToUtility,
} from './pages'

test('the full redirect flow: sign in, Connect, Terms, utility, sandbox login, callback, accounts', async ({
  page,
  shot,
}) => {
  await page.goto('/')
  await expect(page).toHaveURL(/\/signin/)
  await expect(page.getByRole('heading', { name: 'Sign in to Homewatt' })).toBeVisible()
  await shot(page, 'sign-in', { docs: 'signin' })
  await page.getByRole('button', { name: 'Continue as Ada Lovelace' }).click()

  await expect(page.getByRole('heading', { name: 'Connect your utility account' })).toBeVisible()
  await expect(connectButton(page)).toHaveAttribute('data-state', 'ready')
  await shot(page, 'connect', { docs: 'connect' })
  await connectButton(page).click()

  await expect(page).toHaveURL(/\/sandbox\/connect/)
  await expect(page.getByRole('button', { name: 'Accept and continue' })).toBeVisible()
  await shot(page, 'sandbox-terms', { docs: 'sandbox-terms' })
  await acceptTerms(page)

  await expect(page.getByRole('heading', { name: 'Select your utility' })).toBeVisible()
  await shot(page, 'sandbox-utility', { docs: 'sandbox-utility' })
  await chooseUtility(page)

  await page.getByLabel('Username').fill(SANDBOX_LOGIN.username)
  await page.getByLabel('Password').fill(SANDBOX_LOGIN.password)
  await shot(page, 'sandbox-credentials', { docs: 'sandbox-credentials' })
  await page.getByRole('button', { name: 'Sign in', exact: true }).click()

  await expectConnected(page)
  await shot(page, 'callback-success', { docs: 'callback-success' })
  await page.getByRole('link', { name: 'See your accounts' }).click()

  await expectAccounts(page)
  await expect(page.getByRole('article')).not.toHaveCount(0)
  await shot(page, 'accounts')
  expect(await connections(page)).toHaveLength(1)
})

test('a wrong utility password, then the right one', async ({ page, shot, userName }) => {
  await signIn(page, userName)
  await connectButton(page).click()
  await acceptTerms(page)
  await chooseUtility(page)
  await signInToUtility(page, { username: SANDBOX_LOGIN.username, password: 'not-the-password' })

  await expect(page.getByText('The username or password is incorrect.')).toBeVisible()
  await expect(page.getByLabel('Password')).toHaveAttribute('aria-invalid', 'true')
  await shot(page, 'wrong-password')
  await signInToUtility(page)

  await expectConnected(page)
  await shot(page, 'connected')
})

test('exit from Connect: the app shows the user quit and nothing is connected', async ({
  page,
  shot,
  userName,
}) => {
  await signIn(page, userName)
  await connectButton(page).click()
  await expect(page.getByRole('button', { name: 'Accept and continue' })).toBeVisible()
  await page.getByRole('button', { name: 'Exit' }).click()

  await expect(page.getByRole('heading', { name: 'You left Pelm Connect' })).toBeVisible()
  await expect(page.getByText('No utility account was connected.')).toBeVisible()
  await expect(page).toHaveURL(/\/pelm\/callback$/)
  await shot(page, 'exited')
  expect(await connections(page)).toEqual([])

  // The way back in works: the button starts a fresh attempt.
  await page.getByRole('button', { name: 'Connect utility account' }).click()
  await expect(page.getByRole('button', { name: 'Accept and continue' })).toBeVisible()
})
