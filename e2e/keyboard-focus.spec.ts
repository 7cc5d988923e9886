import { expect, test } from './fixtures'
import { connectFirstTime, connectionCard, UTILITY } from './pages'

// Keyboard only: the sandbox's "Simulate a password change" is disabled while it runs and then
// removed (the connection now needs a reconnect), so the focus fell to the body: a keyboard user
// had to Tab from the top of the page again.
test('simulate a password change with the keyboard: the focus moves to Reconnect, and Enter opens Connect', async ({
  page,
  userName,
}) => {
  await connectFirstTime(page, userName)
  const card = connectionCard(page, UTILITY)
  await card.getByRole('button', { name: /Simulate a password change/ }).focus()
  await page.keyboard.press('Enter')
  await expect(card.getByText('Needs reconnecting')).toBeVisible()
  const reconnect = card.getByRole('button', { name: `Reconnect ${UTILITY}` })
  await expect(reconnect).toBeFocused()
  await expect(reconnect).toHaveAttribute('data-state', 'ready')
  await page.keyboard.press('Enter')
  await expect(page).toHaveURL(/\/sandbox\/connect\b/)
})

test('simulate a password change that fails: said in words, and the focus back on the button', async ({
  page,
  userName,
}) => {
  await connectFirstTime(page, userName)
  await page.route('**/api/sandbox/**', (route) => route.abort('internetdisconnected'))
  const card = connectionCard(page, UTILITY)
  const simulate = card.getByRole('button', { name: /Simulate a password change/ })
  await simulate.focus()
  await page.keyboard.press('Enter')
  await expect(card.getByRole('alert')).toContainText('could not be reached')
  await expect(simulate).toBeFocused()
})
