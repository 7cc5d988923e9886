// @vitest-environment happy-dom
import { cleanup, render, screen } from '@testing-library/react'
import { afterEach, describe, expect, it } from 'vitest'
import type { UsageBody } from '../../shared/types'
import { UsageChart, usageSummary } from './UsageChart'

afterEach(cleanup)

/** A solar home's electricity: some days it sends more to the grid than it draws (net metering). */
const netMetered: UsageBody = {
  accountId: 'acct_1',
  from: '2026-11-01',
  to: '2026-11-04',
  series: [
    {
      type: 'ELECTRIC',
      unit: 'kWh',
      days: [
        { date: '2026-11-01', usage: 12.5 },
        { date: '2026-11-02', usage: -8.2 },
        { date: '2026-11-03', usage: 0 },
        { date: '2026-11-04', usage: 1234.5 },
      ],
    },
  ],
}

/** The bars of the chart: one `<rect>` per day, with its `<title>`. */
function bars(container: HTMLElement) {
  return [...container.querySelectorAll('rect.usage-bar')].map((rect) => ({
    title: rect.querySelector('title')?.textContent,
    y: Number(rect.getAttribute('y')),
    height: Number(rect.getAttribute('height')),
  }))
}

describe('UsageChart', () => {
  it('draws a day with negative net use below the zero line, and no bar with a negative height', () => {
    const { container } = render(<UsageChart usage={netMetered} />)
    const drawn = bars(container)
    expect(drawn).toHaveLength(4)
    for (const bar of drawn) {
      expect(Number.isFinite(bar.y)).toBe(true)
      expect(bar.height).toBeGreaterThanOrEqual(0)
    }
    const [positive, negative, zero] = drawn
    if (!positive || !negative || !zero) throw new Error('bars missing')
    // the zero line is where the positive bar ends and the negative bar starts
    const zeroLine = positive.y + positive.height
    expect(negative.y).toBeCloseTo(zeroLine)
    expect(negative.height).toBeGreaterThan(0)
    expect(zero.height).toBe(0)
    expect(negative.title).toBe('Nov 2: -8.2 kWh')
  })

  it('the table shows each day formatted as in the chart (grouping, one decimal)', async () => {
    render(<UsageChart usage={netMetered} />)
    screen.getByRole('button', { name: 'Show as table' }).click()
    const cells = (await screen.findAllByRole('cell')).map((cell) => cell.textContent)
    expect(cells).toEqual(['12.5', '-8.2', '0', '1,234.5'])
  })

  it('the summary names the total net use', () => {
    const [series] = netMetered.series
    if (!series) throw new Error('series missing')
    expect(usageSummary(series)).toContain('1,238.8 kWh over the last 4 days')
  })
})
