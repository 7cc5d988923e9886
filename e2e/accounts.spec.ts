import { expect, test } from './fixtures'
import { connectFirstTime, connections, signIn } from './pages'

test('while Pelm is still gathering a connection’s data, its section says so and keeps checking', async ({
  page,
  shot,
  axe,
  userName,
}) => {
  await connectFirstTime(page, userName)
  const [connection] = await connections(page)
  let loading = true
  const asked: string[][] = []
  // every connection (?connection= absent), then the one still loading alone
  await page.route(
    (url) => url.pathname === '/api/accounts',
    async (route) => {
      asked.push(new URL(route.request().url()).searchParams.getAll('connection'))
      if (!loading) return route.continue()
      await route.fulfill({
        json: {
          connections: [
            {
              connectionId: connection?.id,
              error: { code: 'data_loading', message: 'Pelm is still gathering the data.' },
            },
          ],
        },
      })
    },
  )
  await page.reload()

  const notice = page
    .getByRole('status')
    .filter({ hasText: 'Pelm is still gathering this connection’s data' })
  await expect(notice).toBeVisible()
  await shot(page, 'data-loading')
  await axe(page, 'accounts while data loads')
  loading = false
  // no click: the page asks again on its own
  await expect(page.getByRole('table', { name: 'Latest bills' }).first()).toBeVisible()
  await expect(notice).toHaveCount(0)
  // after the first read of every connection, the poll asked for the loading one alone
  expect(asked[0]).toEqual([])
  expect(asked).toContainEqual([connection?.id])
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
  await page.route('**/api/pelm/connections', async (route) => {
    if (failures++ >= 3) return route.continue()
    await route.fulfill({
      status: 500,
      json: { error: { code: 'internal_error', message: 'Something went wrong.' } },
    })
  })
  await page.getByRole('link', { name: 'Accounts' }).click()
  const alert = page.getByRole('alert')
  await expect(alert).toContainText('Could not load your connections')
  await expect(alert).toContainText('Something went wrong on the Homewatt server')
  await shot(page, 'accounts-error')
  await alert.getByRole('button', { name: 'Try again' }).click()
  await expect(
    page.getByRole('heading', { name: 'No utility account connected yet' }),
  ).toBeVisible()
})
