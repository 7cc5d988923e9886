import { expect, test } from './fixtures'
import {
  acceptTerms,
  chooseUtility,
  connectButton,
  connections,
  signIn,
  signInToUtility,
} from './pages'

// Two people on one browser: A starts Connect in one tab; in another tab A signs out and B signs
// in; A's tab finishes Connect. The server refuses it (the state is bound to A); the page said
// "does not match a connection this browser started", which this browser had, and named nobody.
test('Connect started as A, finished after B signed in in another tab: refused, and the page says so', async ({
  page,
  context,
  userName,
}) => {
  const [a, b] = [`${userName} A`, `${userName} B`]
  await signIn(page, a)
  await connectButton(page).click()
  await acceptTerms(page)

  const other = await context.newPage()
  await other.goto('/accounts')
  await other.getByRole('button', { name: 'Sign out' }).click()
  await expect(other).toHaveURL(/\/signin$/)
  await other.getByLabel('Your name').fill(b)
  await other.getByRole('button', { name: 'Sign in', exact: true }).click()
  await expect(other.getByRole('banner')).toContainText(b)

  await page.bringToFront()
  await chooseUtility(page)
  await signInToUtility(page)
  await expect(
    page.getByRole('heading', { name: 'We couldn’t connect your utility account' }),
  ).toBeVisible()
  const notice = page.getByText(`This connection was started while ${a} was signed in`)
  await expect(notice).toContainText(`${b} is signed in now`)
  await expect(notice).toContainText('nothing was connected to either account')
  await expect(page.getByRole('banner')).toContainText(b)

  // nothing attached to B, nor to A
  expect(await connections(page)).toEqual([])
  await other.getByRole('button', { name: 'Sign out' }).click()
  await expect(other).toHaveURL(/\/signin$/)
  await signIn(other, a)
  expect(await connections(other)).toEqual([])
})
