import { expect, test } from './fixtures'
import { connectFirstTime, connectionCard, UTILITY } from './pages'

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
