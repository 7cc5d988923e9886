import type { Page } from '@playwright/test'
import { expect, test } from './fixtures'
import { connectFirstTime } from './pages'

// Whatever Pelm reports is printed as it comes: a utility name, an address or an account number
// of 300 characters without a space pushed the cards (and the page) thousands of pixels wide.
const NAME = `Municipal${'Q'.repeat(291)}`
const ADDRESS = `1${'0'.repeat(299)} Main Street`
const NUMBER = '9'.repeat(300)

/** Answers the connections and accounts the page reads with those values, and no bills. */
async function oddData(page: Page) {
  await page.route('**/api/pelm/connections', async (route) => {
    const response = await route.fetch()
    const body = await response.json()
    body.connections[0].utility.name = NAME
    body.connections[0].status = 'reconnect_required'
    await route.fulfill({ response, json: body })
  })
  await page.route('**/api/accounts*', async (route) => {
    const response = await route.fetch()
    const body = await response.json()
    const [account] = body.connections[0].accounts
    account.address = ADDRESS
    account.accountNumber = NUMBER
    account.latestBills = []
    account.meters = account.meters.map((meter: object) => ({ ...meter, meterNumber: NUMBER }))
    body.connections[0].accounts = [account, { ...account, id: 'acct_empty', meters: [] }]
    await route.fulfill({ response, json: body })
  })
}

/** Elements that end right of the viewport (the innermost ones). */
const overflowing = (page: Page) =>
  page.evaluate(() => {
    const width = document.documentElement.clientWidth
    const beyond = (element: Element) => element.getBoundingClientRect().right > width + 1
    return [...document.querySelectorAll('main *')]
      .filter((element) => beyond(element) && ![...element.children].some(beyond))
      .map((element) => `${element.tagName.toLowerCase()}.${element.className}`)
  })

test('300-character names, addresses and numbers wrap inside their cards, at 1280 and 375 px', async ({
  page,
  userName,
}) => {
  await connectFirstTime(page, userName)
  await oddData(page)
  for (const width of [1280, 375]) {
    await page.setViewportSize({ width, height: 800 })
    await page.reload()
    await expect(page.getByRole('heading', { name: NAME })).toBeVisible()
    await expect(page.getByRole('heading', { name: ADDRESS })).toHaveCount(2)
    await expect(page.getByText('No bills yet.')).toHaveCount(2)
    await expect(page.getByRole('button', { name: `Reconnect ${NAME}` })).toBeVisible()
    expect(await overflowing(page), `at ${width} px`).toEqual([])
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(
      width,
    )
  }
  // the dialog that names it too
  await page.getByRole('button', { name: 'Disconnect' }).click()
  const dialog = page.getByRole('alertdialog', { name: `Disconnect ${NAME}?` })
  await expect(dialog).toBeVisible()
  const box = await dialog.boundingBox()
  expect(box && box.x + box.width).toBeLessThanOrEqual(375)
})
