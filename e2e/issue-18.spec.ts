import { expect, test } from './fixtures'
import {
  acceptTerms,
  chooseUtility,
  connectButton,
  connections,
  connectUntilCallback,
  openConnectPopup,
  SANDBOX_LOGIN,
  signIn,
  signInToUtility,
  UTILITY,
} from './pages'

// The demo items of issue 18 (14 to 17); each test failed before its fix. The flows that were
// seen in Firefox also run there (e2e/firefox).

test('item 14: closing the popup while it finishes the connection does not say "Nothing was connected"', async ({
  page,
  context,
  shot,
  userName,
}) => {
  // the exchange reaches the server and completes there; its answer never reaches the popup
  let exchanged: () => void = () => {}
  const done = new Promise<void>((resolve) => {
    exchanged = resolve
  })
  await context.route('**/api/pelm/exchange', async (route) => {
    await route.fetch()
    exchanged()
  })
  const popup = await openConnectPopup(page, userName)
  await acceptTerms(popup)
  await chooseUtility(popup)
  await signInToUtility(popup)
  await expect(popup.getByRole('heading', { name: 'Finishing your connection…' })).toBeVisible()
  await done
  await popup.close()

  await expect(
    page.getByRole('status').filter({ hasText: `${UTILITY} is connected` }),
  ).toBeVisible()
  await expect(page.getByText('Nothing was connected')).toHaveCount(0)
  await shot(page, 'popup-closed-while-finishing')
  expect(await connections(page)).toHaveLength(1)
})

test('item 14: Back after a successful redirect shows the connection, not "Nothing was connected"', async ({
  page,
  userName,
}) => {
  await connectUntilCallback(page, userName)
  for (let step = 0; step < 8 && new URL(page.url()).pathname !== '/connect'; step++) {
    await page.goBack({ waitUntil: 'load' })
  }
  await expect(page).toHaveURL(/\/connect$/)
  await expect(
    page.getByRole('status').filter({
      hasText: new RegExp(`${UTILITY} is connected|You have 1 connected utility account`),
    }),
  ).toBeVisible()
  await expect(page.getByText('Nothing was connected')).toHaveCount(0)
})

for (const code of ['__proto__', 'constructor', 'toString', 'hasOwnProperty']) {
  test(`item 15: /pelm/callback?error=${code} shows a real message`, async ({ page, userName }) => {
    await signIn(page, userName)
    await page.goto(`/pelm/callback?error=${code}&state=x`)
    await expect(
      page.getByRole('heading', { name: 'We couldn’t connect your utility account' }),
    ).toBeVisible()
    const alert = page.getByRole('alert')
    await expect(alert).toContainText('Something went wrong while talking to Pelm. Try again')
    await expect(alert).not.toContainText(code)
    await expect(page.getByRole('banner')).toContainText('Homewatt')
  })
}

test('item 16: an error after Connect opened is not titled "Could not open Pelm Connect"', async ({
  page,
  shot,
  userName,
}) => {
  const popup = await openConnectPopup(page, userName)
  await acceptTerms(popup)
  await chooseUtility(popup)
  const closed = popup.waitForEvent('close')
  for (let attempt = 0; attempt < 5; attempt++) {
    await signInToUtility(popup, { username: SANDBOX_LOGIN.username, password: 'wrong' })
    if (attempt < 4)
      await expect(popup.getByText('The username or password is incorrect.')).toBeVisible()
  }
  await closed

  const alert = page.getByRole('alert')
  await expect(alert).toContainText('The connection was not completed')
  await expect(alert).toContainText('Too many sign-in attempts at your utility')
  await expect(alert).not.toContainText('Could not open Pelm Connect')
  await shot(page, 'too-many-attempts')
})

test('item 16: no raw "HTTP 500", "HTTP 502", invalid_response or Pelm codes reach people', async ({
  page,
  userName,
}) => {
  await signIn(page, userName)
  let answer = { status: 500, body: '<h1>Internal Server Error</h1>', contentType: 'text/html' }
  await page.route('**/api/pelm/connect-token', (route) => route.fulfill(answer))
  const alert = page.getByRole('alert')
  for (const next of [
    { status: 500, body: '<h1>Internal Server Error</h1>', contentType: 'text/html' },
    { status: 502, body: 'Bad Gateway', contentType: 'text/plain' },
    { status: 200, body: 'not json', contentType: 'text/plain' },
  ]) {
    answer = next
    await page.goto('/connect')
    await connectButton(page).click()
    await expect(alert).toContainText('Could not open Pelm Connect')
    const text = (await alert.textContent()) ?? ''
    expect(text).not.toMatch(/HTTP \d{3}|invalid_response|http_error|answered \d{3}/)
    expect(text.length).toBeGreaterThan(40)
  }
  await page.unroute('**/api/pelm/connect-token')

  for (const code of [
    'access_denied',
    'state_mismatch',
    'connect_max_attempted_logins',
    'made_up_code',
  ]) {
    await page.goto(`/pelm/callback?error=${code}&state=x`)
    await expect(alert).toBeVisible()
    await expect(alert).not.toContainText(code)
    await expect(page.locator('main')).not.toContainText(code)
  }
})

test('item 17: at 375 px the sandbox-logins table fits its card and the page does not scroll sideways', async ({
  page,
  shot,
  userName,
}) => {
  await page.setViewportSize({ width: 375, height: 812 })
  await signIn(page, userName)
  await page.getByText('Sandbox logins for the utility sign-in').click()
  const table = page.getByRole('table', { name: 'Sandbox utility logins' })
  await expect(table).toBeVisible()
  const widths = await page.evaluate(() => ({
    page: document.documentElement.scrollWidth,
    viewport: document.documentElement.clientWidth,
  }))
  expect(widths.page).toBeLessThanOrEqual(widths.viewport)
  const card = await page.locator('.sandbox-logins').boundingBox()
  const box = await table.boundingBox()
  expect((box?.x ?? 0) + (box?.width ?? 0)).toBeLessThanOrEqual((card?.x ?? 0) + (card?.width ?? 0))
  await shot(page, 'sandbox-logins-375')
})

test('item 17: leftover state, empty code and error_description leave the address bar', async ({
  page,
  userName,
}) => {
  await signIn(page, userName)
  for (const query of [
    '?state=x',
    '?code=&state=',
    '?error=access_denied&error_description=The+user+denied+access&state=x',
  ]) {
    await page.goto(`/pelm/callback${query}`)
    await expect(page.getByRole('heading', { level: 1 })).toBeVisible()
    await expect(page).toHaveURL(/\/pelm\/callback$/)
  }
})
