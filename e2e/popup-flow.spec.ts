import { expect, test } from './fixtures'
import {
  acceptTerms,
  chooseUtility,
  connectButton,
  connections,
  expectAccounts,
  openConnectPopup,
  signIn,
  signInToUtility,
} from './pages'

test('the popup flow connects in a popup window and shows the accounts', async ({
  page,
  shot,
  userName,
}) => {
  await signIn(page, userName)
  await page.getByRole('radio', { name: 'A popup window' }).check()
  await shot(page, 'connect-popup-mode')

  const opened = page.waitForEvent('popup')
  await connectButton(page).click()
  const popup = await opened
  await acceptTerms(popup)
  await shot(popup, 'popup-terms')
  await chooseUtility(popup)
  await shot(popup, 'popup-credentials')
  const closed = popup.waitForEvent('close')
  await signInToUtility(popup)
  await closed

  await expect(page).toHaveURL(/\/accounts$/)
  await expect(
    page.getByRole('status').filter({ hasText: 'Utility account connected' }),
  ).toBeVisible()
  await expectAccounts(page)
  await shot(page, 'accounts-after-popup')
  expect(await connections(page)).toHaveLength(1)
})

test('closing the popup: the app says so and nothing is connected', async ({
  page,
  shot,
  userName,
}) => {
  const popup = await openConnectPopup(page, userName)
  await expect(popup.getByRole('button', { name: 'Accept and continue' })).toBeVisible()
  await popup.close()

  await expect(
    page.getByRole('status').filter({ hasText: 'You closed the Pelm Connect window' }),
  ).toBeVisible()
  await expect(connectButton(page)).toBeEnabled()
  await shot(page, 'popup-closed')
  expect(await connections(page)).toEqual([])
})
