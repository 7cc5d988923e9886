import { createHash } from 'node:crypto'
import { mkdirSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import AxeBuilder from '@axe-core/playwright'
import { test as base, expect, type Page, type TestInfo } from '@playwright/test'

export { expect }

const docsDir = fileURLToPath(new URL('../docs/', import.meta.url))

export interface Steps {
  /** Saves a screenshot of the page as a test artifact; `docs` also refreshes `docs/<docs>.png`. */
  shot(page: Page, name: string, options?: { docs?: string; fullPage?: boolean }): Promise<void>
  /**
   * Runs axe on the page (or only on the elements `include` selects, for a part that changed):
   * no serious or critical WCAG 2.1 A/AA violation.
   */
  axe(page: Page, label: string, options?: { include?: string }): Promise<void>
}

/**
 * A display name unique to the test (and to each run of it under `--repeat-each` or a retry), so
 * each test is its own user.
 */
const nameFor = (info: TestInfo) =>
  `E2E ${createHash('sha256')
    .update([...info.titlePath, info.repeatEachIndex, info.retry].join(' '))
    .digest('hex')
    .slice(0, 10)}`

export const test = base.extend<Steps & { userName: string }>({
  // The global setup started the demo and put its URL here.
  // biome-ignore lint/correctness/noEmptyPattern: Playwright reads a fixture's dependencies from this pattern
  baseURL: async ({}, use) => use(process.env.DEMO_URL),
  // biome-ignore lint/correctness/noEmptyPattern: Playwright reads a fixture's dependencies from this pattern
  userName: async ({}, use, info) => use(nameFor(info)),
  // biome-ignore lint/correctness/noEmptyPattern: Playwright reads a fixture's dependencies from this pattern
  shot: async ({}, use, info) => {
    let step = 0
    await use(async (page, name, options = {}) => {
      const file = info.outputPath(`${String(++step).padStart(2, '0')}-${name}.png`)
      const image = await page.screenshot({ path: file, fullPage: options.fullPage ?? true })
      await info.attach(name, { body: image, contentType: 'image/png' })
      if (options.docs && process.env.UPDATE_SCREENSHOTS === '1') {
        mkdirSync(docsDir, { recursive: true })
        await page.screenshot({ path: `${docsDir}${options.docs}.png`, fullPage: false })
      }
    })
  },
  // biome-ignore lint/correctness/noEmptyPattern: Playwright reads a fixture's dependencies from this pattern
  axe: async ({}, use, info) => {
    await use(async (page, label, options = {}) => {
      const builder = new AxeBuilder({ page }).withTags([
        'wcag2a',
        'wcag2aa',
        'wcag21a',
        'wcag21aa',
      ])
      if (options.include) builder.include(options.include)
      const results = await builder.analyze()
      const serious = results.violations.filter(
        (violation) => violation.impact === 'serious' || violation.impact === 'critical',
      )
      await info.attach(`axe ${label}`, {
        body: JSON.stringify(results.violations, null, 2),
        contentType: 'application/json',
      })
      expect(
        serious.map(
          (violation) =>
            `${violation.id}: ${violation.nodes.map((node) => node.target).join(', ')}`,
        ),
        `axe on ${label}`,
      ).toEqual([])
    })
  },
})
