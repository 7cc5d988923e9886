import { expect, test } from './fixtures'
import {
  acceptTerms,
  chooseUtility,
  connectButton,
  connections,
  expectConnected,
  signIn,
  signInToUtility,
  UTILITY,
} from './pages'

// Issue 16: each connect-token request used to replace the one state cookie, so the URL another
// tab had prefetched was dead once a second tab prefetched its own.
test('two tabs each prefetch a Connect URL; Connect completed from the first, then the second: both succeed', async ({
  page,
  context,
  userName,
}) => {
  test.setTimeout(60_000)
  await signIn(page, userName)
  const second = await context.newPage()
  await second.goto('/connect')
  await expect(connectButton(second)).toHaveAttribute('data-state', 'ready')
  await page.reload()
  await expect(connectButton(page)).toHaveAttribute('data-state', 'ready')
  const prefetched = await Promise.all(
    [page, second].map((tab) =>
      tab.evaluate(() => performance.getEntriesByType('resource').map((entry) => entry.name)),
    ),
  )
  for (const names of prefetched) {
    expect(names.filter((name) => name.endsWith('/api/pelm/connect-token'))).toHaveLength(1)
  }

  await connectButton(page).click()
  await acceptTerms(page)
  await chooseUtility(page, UTILITY)
  await signInToUtility(page)
  await expectConnected(page)

  await connectButton(second).click()
  await acceptTerms(second)
  await chooseUtility(second, 'Southern California Edison')
  await signInToUtility(second)
  await expectConnected(second)

  const names = (await connections(page)).map((connection) => connection.utility?.name)
  expect(names).toEqual([UTILITY, 'Southern California Edison'])
})
