import { expect, test } from './fixtures'
import {
  connectButton,
  connectFirstTime,
  connectionCard,
  expectAccounts,
  signIn,
  UTILITY,
} from './pages'

// Requests that fail on the way (offline, a dropped connection): each button leaves its busy
// state, the page says what happened in words, and trying again works.

test('sign out while the server cannot be reached: said in words, still signed in, and the next try signs out', async ({
  page,
  userName,
}) => {
  await connectFirstTime(page, userName)
  await page.route('**/api/session', (route) =>
    route.request().method() === 'DELETE' ? route.abort('internetdisconnected') : route.fallback(),
  )
  const signOut = page.getByRole('button', { name: 'Sign out' })
  await signOut.click()
  // nothing was said before: the button came back and the page stayed as it was
  await expect(page.getByRole('alert')).toContainText('Could not sign out')
  await expect(page.getByRole('alert')).toContainText('could not be reached')
  await expect(signOut).toBeEnabled()
  await expect(page.getByRole('banner')).toContainText(userName)
  await expectAccounts(page)

  await page.unroute('**/api/session')
  await signOut.click()
  await expect(page.getByRole('heading', { name: 'Sign in to Homewatt' })).toBeVisible()
  await expect(page.getByRole('alert')).toHaveCount(0)
})

// Offline (the browser knows it: navigator.onLine false), react-query held every mutation until
// the browser was online again: "Disconnecting…" for ever, Cancel and Escape disabled, not a
// word, the person stuck in a modal dialog; "Sign out" did nothing at all.
test('offline: Disconnect and Sign out say the server cannot be reached at once, and work once online', async ({
  page,
  context,
  userName,
}) => {
  await connectFirstTime(page, userName)
  await context.setOffline(true)
  await connectionCard(page, UTILITY).getByRole('button', { name: 'Disconnect' }).click()
  const dialog = page.getByRole('alertdialog', { name: `Disconnect ${UTILITY}?` })
  const confirm = dialog.getByRole('button', { name: 'Yes, disconnect' })
  await confirm.click()
  await expect(dialog.getByRole('alert')).toContainText('could not be reached')
  await expect(confirm).toBeEnabled()
  await expect(dialog.getByRole('button', { name: 'Cancel' })).toBeEnabled()
  await dialog.getByRole('button', { name: 'Cancel' }).click()
  await expect(dialog).toBeHidden()

  await page.getByRole('button', { name: 'Sign out' }).click()
  await expect(page.getByRole('alert')).toContainText('Could not sign out')

  await context.setOffline(false)
  await connectionCard(page, UTILITY).getByRole('button', { name: 'Disconnect' }).click()
  await confirm.click()
  await expect(page.getByText(`${UTILITY} was disconnected`)).toBeVisible()
})

// The Reconnect button, and the callback page's "Try again", had no onError: when the connect URL
// could not be fetched, a click did nothing at all and said nothing.
test('Reconnect while the server cannot be reached: said in words, and the next click opens Connect', async ({
  page,
  userName,
}) => {
  await connectFirstTime(page, userName)
  const card = connectionCard(page, UTILITY)
  await card.getByRole('button', { name: /Simulate a password change/ }).click()
  const reconnect = card.getByRole('button', { name: `Reconnect ${UTILITY}` })
  await expect(reconnect).toHaveAttribute('data-state', 'ready')
  await page.route('**/api/pelm/connect-token', (route) => route.abort('internetdisconnected'))
  await page.reload()
  await expect(reconnect).toHaveAttribute('data-state', 'error')
  await reconnect.click()
  const alert = card.getByRole('alert')
  await expect(alert).toContainText('Could not open Pelm Connect')
  await expect(alert).toContainText('could not be reached')

  await page.unroute('**/api/pelm/connect-token')
  await reconnect.click()
  await expect(page).toHaveURL(/\/sandbox\/connect\b/)
})

test('"Try again" on the callback page while the server cannot be reached: said in words', async ({
  page,
  userName,
}) => {
  await signIn(page, userName)
  await page.route('**/api/pelm/connect-token', (route) => route.abort('internetdisconnected'))
  await page.goto('/pelm/callback?error=access_denied')
  await expect(page.getByText('Pelm Connect was not allowed to finish')).toBeVisible()
  await page.getByRole('button', { name: 'Try again' }).click()
  await expect(
    page.getByRole('alert').filter({ hasText: 'Could not open Pelm Connect' }),
  ).toContainText('could not be reached')
  await page.unroute('**/api/pelm/connect-token')
  await page.getByRole('button', { name: 'Try again' }).click()
  await expect(page).toHaveURL(/\/sandbox\/connect\b/)
})

// Offline, react-query held the connect URL's request until the browser was online again: the
// Connect button stayed "redirecting" (busy) for ever, without a word.
test('offline: Connect says the server cannot be reached, and works once online', async ({
  page,
  context,
  userName,
}) => {
  test.setTimeout(45_000)
  await connectFirstTime(page, userName)
  await context.setOffline(true)
  await page.getByRole('link', { name: 'Connect', exact: true }).click()
  const button = connectButton(page)
  await button.click()
  const alert = page.getByRole('alert').filter({ hasText: 'Could not open Pelm Connect' })
  await expect(alert).toContainText('could not be reached')
  await expect(button).not.toHaveAttribute('data-state', 'redirecting')

  await context.setOffline(false)
  await button.click()
  await expect(page).toHaveURL(/\/sandbox\/connect\b/)
})

// The server unreachable (not the browser offline): a failed Disconnect has the list read again,
// which failed too, and the page swapped every connection and account for "Could not load your
// connections": the dialog with its error went with its card, the focus fell to the body.
test('server unreachable: a failed refresh keeps the connections on the page, and the dialog its error', async ({
  page,
  userName,
}) => {
  test.setTimeout(45_000)
  await connectFirstTime(page, userName)
  await page.route('**/api/**', (route) => route.abort('connectionrefused'))
  await connectionCard(page, UTILITY).getByRole('button', { name: 'Disconnect' }).click()
  const dialog = page.getByRole('alertdialog', { name: `Disconnect ${UTILITY}?` })
  const confirm = dialog.getByRole('button', { name: 'Yes, disconnect' })
  await confirm.click()
  // the refresh after the failed disconnect fails too (after react-query's two retries)
  await expect(page.getByText('Could not load your connections')).toBeVisible()
  await expect(dialog.getByRole('alert')).toContainText('could not be reached')
  await expect(confirm).toBeFocused()
  await expect(
    connectionCard(page, UTILITY).getByRole('table', { name: 'Latest bills' }).first(),
  ).toBeAttached()

  await page.unroute('**/api/**')
  await confirm.click()
  await expect(page.getByText(`${UTILITY} was disconnected`)).toBeVisible()
  await expect(page.getByText('Could not load your connections')).toHaveCount(0)
})
