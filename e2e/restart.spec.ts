import { rmSync } from 'node:fs'
import { freshDataDir, type RunningDemo, startDemo } from './demo-server'
import { expect, test } from './fixtures'
import { connectFromConnectPage, connectionCard, expectAccounts, UTILITY } from './pages'

const OTHER = 'Southern California Edison'
let demo: RunningDemo | undefined
let dataDir: string | undefined

test.afterEach(async () => {
  await demo?.stop()
  if (dataDir) rmSync(dataDir, { recursive: true, force: true })
})

// Issue 14: the tokens stayed in the data directory while the in-process sandbox forgot its
// users, so every restart showed "needs to be connected again".
test('restarting the demo (npm start) keeps both connections working', async ({
  page,
  userName,
}) => {
  test.setTimeout(90_000)
  dataDir = freshDataDir()
  demo = await startDemo({ DATA_DIR: dataDir, SANDBOX_DATA_DELAY_MS: '0' })
  const url = demo.url
  await page.goto(`${url}/signin`)
  await page.getByLabel('Your name').fill(userName)
  await page.getByRole('button', { name: 'Sign in', exact: true }).click()
  await connectFromConnectPage(page, UTILITY)
  await page.goto(`${url}/connect`)
  await connectFromConnectPage(page, OTHER)

  await demo.stop()
  demo = await startDemo({
    DATA_DIR: dataDir,
    SANDBOX_DATA_DELAY_MS: '0',
    PORT: new URL(url).port,
  })
  expect(demo.url).toBe(url)

  // still signed in (the session secret is kept in the data directory), both still connected
  await page.goto(`${url}/accounts`)
  await expectAccounts(page)
  for (const utility of [UTILITY, OTHER]) {
    const card = connectionCard(page, utility)
    await expect(card.getByText('Connected', { exact: true })).toBeVisible()
    await expect(card.getByRole('table', { name: 'Latest bills' }).first()).toBeVisible()
  }
  await expect(page.getByText('Needs reconnecting')).toHaveCount(0)
})
