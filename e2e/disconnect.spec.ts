import type { Page } from '@playwright/test'
import { expect, test } from './fixtures'
import {
  accountsInAnotherTab,
  confirmDisconnect,
  connectFirstTime,
  connectionCard,
  connections,
  UTILITY,
} from './pages'

/** The page says so, the section is gone, and the focus is on the page heading. */
async function expectDisconnected(page: Page) {
  await expect(
    page.getByRole('status').filter({ hasText: `${UTILITY} was disconnected` }),
  ).toBeVisible()
  await expect(connectionCard(page, UTILITY)).toHaveCount(0)
  await expect(page.getByRole('heading', { name: 'Your energy accounts', level: 1 })).toBeFocused()
}

test('after a disconnect the focus is on the page heading, not lost to the body', async ({
  page,
  userName,
}) => {
  await connectFirstTime(page, userName)
  await confirmDisconnect(page)
  await expectDisconnected(page)
})

test('a connection already disconnected in another tab: the second tab says it was disconnected', async ({
  page,
  userName,
}) => {
  await connectFirstTime(page, userName)
  const other = await accountsInAnotherTab(page)
  await confirmDisconnect(other)
  await expect(connectionCard(other, UTILITY)).toHaveCount(0)
  await other.close()
  expect(await connections(page)).toEqual([])

  // the first tab still lists it (no refetch yet): disconnecting it again (404)
  await page.bringToFront()
  await confirmDisconnect(page)
  await expectDisconnected(page)
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
  await expectDisconnected(page)
  expect(await connections(page)).toEqual([])
})
