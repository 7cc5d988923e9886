import { expect, test } from './fixtures'
import {
  acceptTerms,
  chooseUtility,
  connectButton,
  connectFirstTime,
  connections,
  connectUntilCallback,
  expectConnected,
  signIn,
  signInToUtility,
} from './pages'

const refusedHeading = { name: 'We couldn’t connect your utility account' }

test('a tampered state is refused with a clear error and the stored connection stays', async ({
  page,
  shot,
  userName,
}) => {
  await connectFirstTime(page, userName)
  const before = await connections(page)

  // Connect's redirect back to the app carries a changed `state`, as a forged link would. The
  // sign-in form's answer is fetched here (the browser's same-origin header added back), its
  // Location rewritten, and the browser follows it.
  await page.route('**/sandbox/connect/flow/*/credentials', async (route) => {
    const headers = { ...route.request().headers(), 'sec-fetch-site': 'same-origin' }
    const response = await route.fetch({ headers, maxRedirects: 0 })
    const location = new URL(response.headers().location as string)
    const state = location.searchParams.get('state') as string
    location.searchParams.set('state', `${state.slice(0, -4)}AAAA`)
    await route.fulfill({ response, headers: { ...response.headers(), location: location.href } })
  })
  await page.getByRole('link', { name: 'Add another utility' }).click()
  await connectButton(page).click()
  await acceptTerms(page)
  await chooseUtility(page, 'Southern California Edison')
  await signInToUtility(page)

  await expect(page.getByRole('heading', refusedHeading)).toBeVisible()
  await expect(page.getByRole('alert')).toContainText(
    'does not match a connection this browser started',
  )
  await expect(page.getByRole('alert')).toContainText('Nothing was changed')
  await shot(page, 'tampered-state')
  expect(await connections(page)).toEqual(before)
})

test('a replayed callback URL is refused and the stored connection stays', async ({
  page,
  shot,
  userName,
}) => {
  await signIn(page, userName)
  await connectButton(page).click()
  await acceptTerms(page)
  await chooseUtility(page)
  const callback = page.waitForRequest((request) => request.url().includes('/pelm/callback?code='))
  await signInToUtility(page)
  const callbackUrl = (await callback).url()
  await expectConnected(page)
  const before = await connections(page)

  const replay = await page.context().newPage()
  await replay.goto(callbackUrl)
  await expect(replay.getByRole('heading', refusedHeading)).toBeVisible()
  await expect(replay.getByRole('alert')).toContainText('Nothing was changed')
  await expect(replay).toHaveURL(/\/pelm\/callback$/)
  await shot(replay, 'replayed-callback')
  expect(await connections(page)).toEqual(before)
})

test('reloading the callback page after success does not exchange again', async ({
  page,
  shot,
  userName,
}) => {
  await connectUntilCallback(page, userName)
  const before = await connections(page)

  const exchanges: string[] = []
  page.on('request', (request) => {
    if (request.url().includes('/api/pelm/exchange')) exchanges.push(request.url())
  })
  await page.reload()
  await expect(
    page.getByRole('heading', { name: 'Your utility account is connected' }),
  ).toBeVisible()
  await shot(page, 'callback-reloaded')
  expect(exchanges).toEqual([])
  expect(await connections(page)).toEqual(before)
})
