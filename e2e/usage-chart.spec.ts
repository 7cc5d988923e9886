import { expect, test } from './fixtures'
import { connectFirstTime, connectionCard, UTILITY } from './pages'

test('the usage chart’s axis labels stay inside the chart for a large account', async ({
  page,
  userName,
}) => {
  await connectFirstTime(page, userName)
  // a commercial meter: hundreds of thousands of kWh a day
  const days = Array.from({ length: 28 }, (_, index) => ({
    date: `2026-11-${String(index + 1).padStart(2, '0')}`,
    usage: 180_000 + 40_000 * (index % 7),
  }))
  await page.route('**/usage', (route) =>
    route.fulfill({
      json: {
        accountId: 'any',
        from: '2026-11-01',
        to: '2026-11-28',
        series: [{ type: 'ELECTRIC', unit: 'kWh', days }],
      },
    }),
  )
  await page.reload()
  const chart = connectionCard(page, UTILITY)
    .getByRole('img', { name: /^Electricity: / })
    .first()
  await expect(chart).toBeVisible()
  const svg = await chart.boundingBox()
  const labels = await chart
    .locator('.usage-tick text')
    .evaluateAll((texts) =>
      texts.map((text) => ({ text: text.textContent, box: text.getBoundingClientRect().toJSON() })),
    )
  expect(labels.length).toBeGreaterThan(1)
  for (const { text, box } of labels) {
    expect(box.left, `the tick "${text}" starts inside the chart`).toBeGreaterThanOrEqual(
      svg?.x ?? Number.POSITIVE_INFINITY,
    )
  }
})
