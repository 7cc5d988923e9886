import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { expect, test } from './fixtures'
import {
  chooseUtility,
  connectFromConnectPage,
  connectionCard,
  connections,
  connectUntilCallback,
  expectAccounts,
  signInToUtility,
  UTILITY,
} from './pages'

const OTHER = 'Southern California Edison'

/** The Pelm user ids the sandbox holds, from the state it keeps in the data directory. */
function sandboxUserIds(): string[] {
  const dataDir = process.env.DEMO_DATA_DIR as string
  const file = join(dataDir, 'store', 'sandbox', 'state')
  const state = JSON.parse(readFileSync(file, 'utf8')) as { users: { id: string }[] }
  return state.users.map((user) => user.id)
}

test('two utilities, a password change, a reconnect in update mode, a disconnect', async ({
  page,
  shot,
  axe,
  userName,
}) => {
  test.setTimeout(90_000)
  // the utility with one account first: the screenshot shows both connections
  await connectUntilCallback(page, userName, OTHER)
  await page.getByRole('link', { name: 'See your accounts' }).click()
  await expectAccounts(page)
  await page.getByRole('link', { name: 'Add another utility' }).click()
  await connectFromConnectPage(page, UTILITY)
  await page.getByRole('link', { name: 'See your accounts' }).click()
  await expectAccounts(page)

  const pge = connectionCard(page, UTILITY)
  const sce = connectionCard(page, OTHER)
  await expect(pge).toContainText('Connected since')
  await expect(pge.getByText('Connected', { exact: true })).toBeVisible()
  await expect(sce.getByText('Connected', { exact: true })).toBeVisible()
  await expect(pge.getByRole('article').first()).toBeVisible()
  await expect(sce.getByRole('article').first()).toBeVisible()
  const [first, second] = await connections(page)
  expect([first?.utility?.name, second?.utility?.name]).toEqual([OTHER, UTILITY])

  // the usage chart, with data, and its table
  const usage = pge.getByRole('region', { name: 'Daily use, last 4 weeks' }).first()
  const chart = usage.getByRole('img', { name: /^Electricity: .* kWh over the last 28 days/ })
  await expect(chart).toBeVisible()
  expect(await chart.locator('rect.usage-bar').count()).toBe(28)
  // tall enough for both connections (the sandbox gives each login one to three accounts)
  const lower = await pge.boundingBox()
  await page.setViewportSize({
    width: 1280,
    height: Math.min(2400, Math.ceil((lower?.y ?? 0) + 560)),
  })
  await shot(page, 'accounts-two-connections', { docs: 'accounts' })
  await page.setViewportSize({ width: 1280, height: 860 })
  await axe(page, 'accounts, two connections')
  await usage.getByRole('button', { name: 'Show as table' }).click()
  const table = usage.getByRole('table', { name: /^Daily use/ })
  await expect(table.getByRole('row')).toHaveCount(29)
  await expect(usage.getByRole('button', { name: 'Show as chart' })).toHaveAttribute(
    'aria-expanded',
    'true',
  )
  await axe(page, 'accounts, usage table', { include: '.usage' })
  await usage.getByRole('button', { name: 'Show as chart' }).click()

  // a password change at the utility (sandbox control): that connection needs a reconnect
  const simulate = pge.getByRole('button', { name: /Simulate a password change/ })
  await pge.evaluate((card) => card.scrollIntoView({ block: 'start' }))
  await shot(page, 'sandbox-control', { docs: 'sandbox-control' })
  await simulate.click()
  await expect(pge.getByText('Needs reconnecting')).toBeVisible()
  const reconnect = pge.getByRole('button', { name: `Reconnect ${UTILITY}` })
  await expect(reconnect).toHaveAttribute('data-state', 'ready')
  await expect(sce.getByText('Connected', { exact: true })).toBeVisible()
  await expect(sce.getByRole('button', { name: /^Reconnect/ })).toHaveCount(0)
  await pge.evaluate((card) => card.scrollIntoView({ block: 'start' }))
  await shot(page, 'reconnect-required', { docs: 'reconnect' })
  await axe(page, 'accounts, reconnect required', {
    include: `[data-connection-id="${second?.id}"] .notice`,
  })

  // reconnecting runs Connect in update mode: no Terms screen
  await reconnect.click()
  await expect(
    page.getByRole('heading', { name: /^Sign in to |Select your utility/ }),
  ).toBeVisible()
  await expect(page.getByRole('button', { name: 'Accept and continue' })).toHaveCount(0)
  if (await page.getByRole('heading', { name: 'Select your utility' }).isVisible()) {
    await chooseUtility(page, UTILITY)
  }
  await signInToUtility(page)
  await expect(page.getByRole('heading', { name: 'Utility account connected' })).toBeVisible()
  await page.getByRole('link', { name: 'See your accounts' }).click()
  await expectAccounts(page)
  await expect(pge.getByText('Connected', { exact: true })).toBeVisible()
  await expect(pge.getByRole('button', { name: /^Reconnect/ })).toHaveCount(0)
  expect((await connections(page)).map((c) => [c.id, c.status])).toEqual([
    [first?.id, 'active'],
    [second?.id, 'active'],
  ])

  // disconnecting one asks first, in a dialog that holds the focus
  await sce.getByRole('button', { name: 'Disconnect' }).click()
  const dialog = page.getByRole('alertdialog', { name: `Disconnect ${OTHER}?` })
  await expect(dialog).toBeVisible()
  await expect(dialog.getByRole('button', { name: 'Cancel' })).toBeFocused()
  await shot(page, 'disconnect-dialog', { docs: 'disconnect-dialog' })
  await axe(page, 'disconnect dialog', { include: 'dialog' })
  await page.keyboard.press('Escape')
  await expect(dialog).toBeHidden()
  await expect(sce.getByRole('button', { name: 'Disconnect' })).toBeFocused()
  await sce.getByRole('button', { name: 'Disconnect' }).click()
  await dialog.getByRole('button', { name: 'Yes, disconnect' }).click()

  await expect(
    page.getByRole('status').filter({ hasText: `${OTHER} was disconnected` }),
  ).toBeVisible()
  await expect(sce).toHaveCount(0)
  await expect(pge.getByRole('article').first()).toBeVisible()
  await expect(pge.getByRole('table', { name: 'Latest bills' }).first()).toBeVisible()
  expect((await connections(page)).map((c) => c.id)).toEqual([second?.id])
  // the sandbox deleted the Pelm user (Delete user reached it); the other one is still there
  expect(sandboxUserIds()).toContain(second?.id)
  expect(sandboxUserIds()).not.toContain(first?.id)
  await shot(page, 'after-disconnect')
})

test('the callback page shows connected on every one of 10 consecutive runs', async ({
  page,
  userName,
}) => {
  test.setTimeout(120_000)
  await connectUntilCallback(page, userName, UTILITY)
  for (let run = 2; run <= 10; run++) {
    await page.goto('/connect')
    await connectFromConnectPage(page, run % 2 ? UTILITY : OTHER)
    await expect(page.getByRole('alert')).toHaveCount(0)
    await page.reload()
    await expect(
      page.getByRole('heading', {
        name: /^(Your utility account is connected|You have \d+ connected utility accounts)$/,
      }),
    ).toBeVisible()
  }
})
