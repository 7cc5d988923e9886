import { expect, test } from './fixtures'
import { connectFirstTime, connection, signIn } from './pages'

test('disconnect: the accounts are gone and the connection is forgotten', async ({
  page,
  shot,
  userName,
}) => {
  await connectFirstTime(page, userName)
  await page.getByRole('button', { name: 'Disconnect', exact: true }).click()
  await expect(page.getByText('Stop sharing your utility data with Homewatt?')).toBeVisible()
  await shot(page, 'disconnect-confirm')
  await page.getByRole('button', { name: 'Yes, disconnect' }).click()

  await expect(
    page.getByRole('status').filter({ hasText: 'Your utility account was disconnected' }),
  ).toBeVisible()
  await expect(
    page.getByRole('heading', { name: 'No utility account connected yet' }),
  ).toBeVisible()
  await expect(page.getByRole('article')).toHaveCount(0)
  await shot(page, 'disconnected')
  expect(await connection(page)).toEqual({ connected: false })
})

test('while Pelm is still gathering the data, the accounts page says so and retries', async ({
  page,
  shot,
  axe,
  userName,
}) => {
  await connectFirstTime(page, userName)
  let loading = true
  await page.route('**/api/accounts', async (route) => {
    if (!loading) return route.continue()
    await route.fulfill({
      status: 503,
      headers: { 'retry-after': '2' },
      json: { error: { code: 'data_loading', message: 'Pelm is still gathering the data.' } },
    })
  })
  await page.reload()

  const notice = page.getByRole('status').filter({ hasText: 'Pelm is still gathering your data' })
  await expect(notice).toBeVisible()
  await shot(page, 'data-loading')
  await axe(page, 'accounts while data loads')
  loading = false
  await notice.getByRole('button', { name: 'Retry now' }).click()
  await expect(page.getByRole('table', { name: 'Latest bills' }).first()).toBeVisible()
})

test('server errors show a clear message and a way to try again', async ({
  page,
  shot,
  userName,
}) => {
  await signIn(page, userName)
  await page.route('**/api/pelm/connect-token', (route) =>
    route.fulfill({
      status: 502,
      json: { error: { code: 'upstream_error', message: 'Pelm failed.' } },
    }),
  )
  await page.reload()
  await page.getByRole('button', { name: 'Connect utility account' }).click()
  await expect(page.getByRole('alert')).toContainText('Could not open Pelm Connect')
  await expect(page.getByRole('alert')).toContainText(
    'Pelm could not be reached. Try again in a moment.',
  )
  await shot(page, 'connect-error')

  let failures = 0
  await page.route('**/api/accounts', async (route) => {
    if (failures++ >= 2) return route.continue()
    await route.fulfill({
      status: 500,
      json: { error: { code: 'internal_error', message: 'Something went wrong.' } },
    })
  })
  await page.getByRole('link', { name: 'Accounts' }).click()
  const alert = page.getByRole('alert')
  await expect(alert).toContainText('Could not load your accounts')
  await expect(alert).toContainText('Something went wrong on the Homewatt server')
  await shot(page, 'accounts-error')
  await alert.getByRole('button', { name: 'Try again' }).click()
  await expect(
    page.getByRole('heading', { name: 'No utility account connected yet' }),
  ).toBeVisible()
})
