// In Chromium: from the click on the button to the request of the Connect page, for ConnectButton
// (connect URL prefetched on mount) and for a naive button that fetches it on click, with 300 ms
// of latency on the connect-token endpoint. Runs are interleaved, each in a fresh context.
import { fileURLToPath } from 'node:url'
import { chromium } from 'playwright'
import { chromiumArgs } from '../../scripts/lib/chromium.mjs'
import { startChild } from '../lib/child.mjs'
import { pairedRatios, summarize } from '../lib/stats.mjs'

const server = fileURLToPath(new URL('./server.mjs', import.meta.url))
export const LATENCY_MS = 300
const WARMUP = 3
const RUNS = 15
/** After the button is ready, the page idles this long before the click, in both variants. */
const SETTLE_MS = 200

/**
 * One click. Every time is an epoch time from a page clock: the click as the page's first
 * capturing listener sees it; then, from the Connect page's Navigation Timing, the navigation
 * start (`timeOrigin`), the request issued (`fetchStart`) and sent (`requestStart`). The
 * `beforeunload` mark, on the clicked page's own clock, checks the cross-page clocks agree.
 */
async function clickOnce(browser, origin, connectHost, variant) {
  const context = await browser.newContext()
  try {
    const page = await context.newPage()
    const marks = {}
    await page.exposeFunction('__benchClick', (time) => {
      marks.click = time
    })
    await page.exposeFunction('__benchLeave', (time) => {
      marks.leave = time
    })
    await page.goto(`${origin}/${variant}`)
    await page.waitForSelector('button[data-state="ready"]')
    await page.waitForTimeout(SETTLE_MS)
    await Promise.all([
      page.waitForURL((url) => url.hostname === connectHost),
      page.click('button'),
    ])
    const navigation = await page.evaluate(() => {
      const [entry] = performance.getEntriesByType('navigation')
      return { timeOrigin: performance.timeOrigin, ...entry.toJSON() }
    })
    if (marks.click === undefined || marks.leave === undefined) {
      throw new Error(`${variant}: the page did not report its click and unload marks`)
    }
    const at = (offset) => navigation.timeOrigin + offset - marks.click
    return {
      toNavigationStart: at(0),
      toFetch: at(navigation.fetchStart),
      toRequest: at(navigation.requestStart),
      toUnload: marks.leave - marks.click,
    }
  } finally {
    await context.close()
  }
}

export async function runClickToNavigation({ log, chromiumPath }) {
  const app = await startChild(server, { args: [String(LATENCY_MS)] })
  const browser = await chromium.launch({
    executablePath: chromiumPath,
    args: [...chromiumArgs, `--host-resolver-rules=MAP ${app.connectHost} 127.0.0.1`],
  })
  try {
    const click = (variant) => clickOnce(browser, app.origin, app.connectHost, variant)
    for (let i = 0; i < WARMUP; i++) {
      await click('ours')
      await click('naive')
    }
    const samples = { ours: [], naive: [] }
    for (let i = 0; i < RUNS; i++) {
      for (const variant of i % 2 === 0 ? ['ours', 'naive'] : ['naive', 'ours']) {
        samples[variant].push(await click(variant))
      }
      const last = (variant) => samples[variant].at(-1).toFetch.toFixed(1)
      log(`click-to-navigation run ${i + 1}: ours ${last('ours')} ms, naive ${last('naive')} ms`)
    }
    const pick = (variant, key) => samples[variant].map((sample) => sample[key])
    const measures = {}
    for (const key of ['toFetch', 'toRequest', 'toNavigationStart', 'toUnload']) {
      measures[key] = {
        ours: summarize(pick('ours', key)),
        naive: summarize(pick('naive', key)),
        ratio: summarize(pairedRatios(pick('ours', key), pick('naive', key))),
      }
    }
    return {
      ...measures,
      browserVersion: browser.version(),
      setup: { LATENCY_MS, WARMUP, RUNS, SETTLE_MS },
    }
  } finally {
    await browser.close()
    await app.stop()
  }
}
