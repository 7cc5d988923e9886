// What a person does in the consumer app, in Debian's Chromium: open it, click the Connect
// button, go through the sandbox's hosted Connect pages, come back to the callback page, and see
// the new connection listed on the app's page (from GET /api/pelm/connections).
import { mkdirSync } from 'node:fs'
import { join } from 'node:path'
import { chromium } from 'playwright-core'
import { chromiumArgs, chromiumPath } from '../../scripts/lib/chromium.mjs'

const SANDBOX_LOGIN = { username: 'user@pelm.com', password: 'password' }
const TIMEOUT = 15_000

const isConnectionsAnswer = (response) =>
  response.url().endsWith('/api/pelm/connections') && response.request().method() === 'GET'

/** Each Connect page as the sandbox renders it; the same steps as the e2e tests' page helpers. */
async function goThroughConnect(page) {
  await page.getByRole('button', { name: 'Accept and continue' }).click()
  await page.getByRole('radio').first().check()
  await page.getByRole('button', { name: 'Continue' }).click()
  await page.getByLabel('Username').fill(SANDBOX_LOGIN.username)
  await page.getByLabel('Password').fill(SANDBOX_LOGIN.password)
  await page.getByRole('button', { name: 'Sign in', exact: true }).click()
}

/**
 * Drives the flow at `appUrl`; resolves with the listed connection (`{ id, utility, … }`) and
 * the text that showed it. Screenshots go to `screenshotDir` (the last page also on failure).
 */
export async function connectInBrowser({ appUrl, screenshotDir }) {
  mkdirSync(screenshotDir, { recursive: true })
  const browser = await chromium.launch({ executablePath: chromiumPath, args: chromiumArgs })
  const page = await browser.newPage()
  page.setDefaultTimeout(TIMEOUT)
  let stage = 'opening the app'
  try {
    const firstList = page.waitForResponse(isConnectionsAnswer)
    await page.goto(appUrl)
    const before = await (await firstList).json()
    if (!Array.isArray(before.connections)) {
      throw new Error(`GET /api/pelm/connections answered ${JSON.stringify(before)}`)
    }

    stage = 'clicking the Connect button'
    await page
      .getByRole('button', { name: /connect/i })
      .first()
      .click()
    stage = 'going through the sandbox Connect pages'
    await goThroughConnect(page)

    stage = 'exchanging the code on the callback page'
    const exchange = await page.waitForResponse((response) =>
      response.url().endsWith('/api/pelm/exchange'),
    )
    if (exchange.status() !== 200) {
      throw new Error(
        `POST /api/pelm/exchange answered ${exchange.status()} ${await exchange.text()}`,
      )
    }
    await page.screenshot({ path: join(screenshotDir, 'callback.png') })

    stage = 'listing the connection'
    await page.waitForLoadState('networkidle')
    const list = page.waitForResponse(isConnectionsAnswer)
    if (new URL(page.url()).pathname !== '/') await page.goto(appUrl)
    else await page.reload()
    const { connections } = await (await list).json()
    const [connection] = connections ?? []
    if (!connection) throw new Error(`the list is empty after a successful exchange`)
    const shown = [connection.utility?.name, connection.utility?.slug, connection.id].filter(
      Boolean,
    )
    const text = await page
      .getByText(new RegExp(shown.map(escapeRegExp).join('|')))
      .first()
      .textContent({ timeout: TIMEOUT })
    await page.screenshot({ path: join(screenshotDir, 'connections.png') })
    return { connection, text: text?.trim() }
  } catch (error) {
    await page.screenshot({ path: join(screenshotDir, 'failure.png') }).catch(() => {})
    throw new Error(`in Chromium, ${stage} at ${page.url()}: ${error.message.split('\n')[0]}`, {
      cause: error,
    })
  } finally {
    await browser.close()
  }
}

function escapeRegExp(value) {
  return value.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')
}
