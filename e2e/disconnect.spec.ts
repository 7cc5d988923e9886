import { expect, test } from './fixtures'
import { connectFirstTime, connectionCard, connections, UTILITY } from './pages'

test('after a disconnect the focus is on the page heading, not lost to the body', async ({
  page,
  userName,
}) => {
  await connectFirstTime(page, userName)
  await connectionCard(page, UTILITY).getByRole('button', { name: 'Disconnect' }).click()
  const dialog = page.getByRole('alertdialog', { name: `Disconnect ${UTILITY}?` })
  await dialog.getByRole('button', { name: 'Yes, disconnect' }).click()
  await expect(
    page.getByRole('status').filter({ hasText: `${UTILITY} was disconnected` }),
  ).toBeVisible()
  await expect(connectionCard(page, UTILITY)).toHaveCount(0)
  await expect(page.getByRole('heading', { name: 'Your energy accounts', level: 1 })).toBeFocused()
})

test('a connection already disconnected in another tab: the second tab says it was disconnected', async ({
  page,
  context,
  userName,
}) => {
  await connectFirstTime(page, userName)
  const other = await context.newPage()
  await other.goto('/accounts')
  await expect(connectionCard(other, UTILITY)).toBeVisible()
  await connectionCard(other, UTILITY).getByRole('button', { name: 'Disconnect' }).click()
  await other.getByRole('alertdialog').getByRole('button', { name: 'Yes, disconnect' }).click()
  await expect(connectionCard(other, UTILITY)).toHaveCount(0)
  await other.close()
  expect(await connections(page)).toEqual([])

  // the first tab still lists it (no refetch yet): disconnecting it again
  await page.bringToFront()
  await connectionCard(page, UTILITY).getByRole('button', { name: 'Disconnect' }).click()
  await page.getByRole('alertdialog').getByRole('button', { name: 'Yes, disconnect' }).click()
  await expect(
    page.getByRole('status').filter({ hasText: `${UTILITY} was disconnected` }),
  ).toBeVisible()
  await expect(connectionCard(page, UTILITY)).toHaveCount(0)
  await expect(page.getByRole('heading', { name: 'Your energy accounts', level: 1 })).toBeFocused()
})

test('a disconnect that fails keeps the focus in the dialog, and Enter tries again', async ({
  page,
  userName,
}) => {
  await connectFirstTime(page, userName)
  const deletes = (url: URL) => url.pathname.startsWith('/api/pelm/connections/')
  await page.route(deletes, (route) =>
    route.request().method() === 'DELETE' ? route.abort('internetdisconnected') : route.continue(),
  )
  await connectionCard(page, UTILITY).getByRole('button', { name: 'Disconnect' }).click()
  const dialog = page.getByRole('alertdialog', { name: `Disconnect ${UTILITY}?` })
  await page.keyboard.press('Tab')
  await expect(dialog.getByRole('button', { name: 'Yes, disconnect' })).toBeFocused()
  await page.keyboard.press('Enter')
  await expect(dialog.getByRole('alert')).toContainText('could not be reached')
  // not lost to the body while the button was busy: the keyboard is where it was
  await expect(dialog.getByRole('button', { name: 'Yes, disconnect' })).toBeFocused()
  expect(await connections(page)).toHaveLength(1)

  await page.unroute(deletes)
  await page.keyboard.press('Enter')
  await expect(
    page.getByRole('status').filter({ hasText: `${UTILITY} was disconnected` }),
  ).toBeVisible()
  expect(await connections(page)).toEqual([])
})
