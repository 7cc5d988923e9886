import { expect, test } from './fixtures'
import { acceptTerms, chooseUtility, connectButton, signInToUtility } from './pages'

// Issue 14: the demo printed `localhost`; a person types `127.0.0.1` (or the reverse). The session
// cookie belongs to the host name it was set on, and Connect returns to the registered redirect
// URI's: without the redirect to the public URL the flow ended "signed out".
test('opened on 127.0.0.1 while the demo is at localhost: sent there first, and the flow ends connected', async ({
  page,
  userName,
}) => {
  const publicUrl = new URL(process.env.DEMO_URL as string)
  expect(publicUrl.hostname).toBe('localhost')
  const other = new URL(publicUrl)
  other.hostname = '127.0.0.1'

  await page.goto(new URL('/signin?next=%2Fconnect', other).href)
  await expect(page).toHaveURL(`${publicUrl.origin}/signin?next=%2Fconnect`)
  await page.getByLabel('Your name').fill(userName)
  await page.getByRole('button', { name: 'Sign in', exact: true }).click()
  await connectButton(page).click()
  await acceptTerms(page)
  await chooseUtility(page)
  await signInToUtility(page)
  await expect(page.getByRole('heading', { name: 'Utility account connected' })).toBeVisible()
  expect(new URL(page.url()).origin).toBe(publicUrl.origin)

  // a deep link on the other name keeps its path and query
  await page.goto(new URL('/accounts?from=mail', other).href)
  await expect(page).toHaveURL(`${publicUrl.origin}/accounts?from=mail`)
  await expect(page.getByRole('heading', { name: 'Your energy accounts' })).toBeVisible()
})
