import { expect, test } from './fixtures'
import { connectFirstTime, connectionCard, UTILITY } from './pages'

test('accounts that could not be loaded: no section keeps saying it is loading them', async ({
  page,
  userName,
}) => {
  await connectFirstTime(page, userName)
  let fail = true
  await page.route(
    (url) => url.pathname === '/api/accounts',
    (route) =>
      fail
        ? route.fulfill({
            status: 500,
            json: { error: { code: 'internal_error', message: 'Something went wrong.' } },
          })
        : route.continue(),
  )
  await page.reload()
  const alert = page.getByRole('alert').filter({ hasText: 'Could not load your accounts' })
  await expect(alert).toContainText('Something went wrong on the Homewatt server')
  const card = connectionCard(page, UTILITY)
  await expect(card).toBeVisible()
  // the request is over: a spinner here would promise accounts that never come
  await expect(card.getByText('Loading the accounts…')).toHaveCount(0)
  await expect(card).toContainText('The accounts could not be loaded')

  fail = false
  await alert.getByRole('button', { name: 'Try again' }).click()
  await expect(card.getByRole('table', { name: 'Latest bills' }).first()).toBeVisible()
  await expect(alert).toHaveCount(0)
})
