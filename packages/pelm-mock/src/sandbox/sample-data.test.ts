import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { present, userWhose, utility } from '../../test/api-sandbox'
import { INTERVAL_SECONDS, sampleAccounts, sampleBills, sampleIntervals } from './sample-data'
import { sandboxUtilities } from './utilities'

const pge = utility('pge')
const DAY = 86_400
const JUNE_15 = Date.UTC(2025, 5, 15, 12)
const MIDNIGHT = Date.UTC(2025, 5, 1) / 1000

describe('sampleAccounts', () => {
  it('is deterministic per user and utility', () => {
    fc.assert(
      fc.property(fc.string(), fc.constantFrom(...sandboxUtilities), (userId, utility) => {
        expect(sampleAccounts(userId, utility)).toEqual(sampleAccounts(userId, utility))
      }),
    )
  })

  it('differs between users and between utilities', () => {
    const ids = (userId: string, utility = pge) => sampleAccounts(userId, utility).map((a) => a.id)
    expect(ids('user-2')).not.toContain(ids('user-1')[0])
    expect(ids('user-1', utility('sdge'))).not.toContain(ids('user-1')[0])
  })

  it("gives 1 to 3 accounts, each with 1 or 2 meters of the utility's types", () => {
    fc.assert(
      fc.property(fc.string(), fc.constantFrom(...sandboxUtilities), (userId, utility) => {
        const accounts = sampleAccounts(userId, utility)
        expect(accounts.length).toBeGreaterThanOrEqual(1)
        expect(accounts.length).toBeLessThanOrEqual(3)
        for (const account of accounts) {
          const types = account.meters.map((meter) => meter.type)
          expect(types.length).toBeGreaterThanOrEqual(1)
          expect(new Set(types).size).toBe(types.length)
          expect(utility.meterTypes).toEqual(expect.arrayContaining(types))
          expect(account.available_meter_types).toEqual(types)
          expect(account.address).toContain(`, ${utility.state} `)
        }
      }),
    )
  })

  it('spreads users over every account count and meter mix', () => {
    const users = Array.from({ length: 200 }, (_, n) => sampleAccounts(`user-${n}`, pge))
    expect(new Set(users.map((accounts) => accounts.length))).toEqual(new Set([1, 2, 3]))
    const meterCounts = users.flat().map((account) => account.meters.length)
    expect(new Set(meterCounts)).toEqual(new Set([1, 2]))
  })

  it('gives electric meters only at an electric-only utility', () => {
    for (const account of sampleAccounts('user-1', utility('sce'))) {
      expect(account.meters.map((meter) => meter.type)).toEqual(['ELECTRIC'])
    }
  })
})

describe('sampleIntervals', () => {
  const meter = present(sampleAccounts('user-1', pge)[0]?.meters[0])

  it('gives 96 aligned readings a day', () => {
    const intervals = sampleIntervals(meter, MIDNIGHT, MIDNIGHT + DAY)
    expect(intervals).toHaveLength(96)
    expect(intervals.every(({ start, end }) => end - start === INTERVAL_SECONDS)).toBe(true)
    expect(intervals.every(({ start }) => start % INTERVAL_SECONDS === 0)).toBe(true)
  })

  it('keeps only whole intervals inside an unaligned range', () => {
    const intervals = sampleIntervals(meter, MIDNIGHT + 1, MIDNIGHT + 3600 - 1)
    expect(intervals.map(({ start }) => start - MIDNIGHT)).toEqual([900, 1800])
  })

  it('is consistent across ranges: a reading depends on its meter and time only', () => {
    const week = sampleIntervals(meter, MIDNIGHT, MIDNIGHT + 7 * DAY)
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 6 * 96 }),
        fc.integer({ min: 1, max: 96 }),
        (from, count) => {
          const start = MIDNIGHT + from * INTERVAL_SECONDS
          const slice = sampleIntervals(meter, start, start + count * INTERVAL_SECONDS)
          expect(slice).toEqual(week.slice(from, from + count))
        },
      ),
    )
  })

  it('gives plausible usage: positive, more electricity in summer, more gas in winter', () => {
    const { accounts } = userWhose('pge', (found) => found[0]?.meters.length === 2)
    const [electric, gas] = present(accounts[0]).meters.map((meter) => (month: number) => {
      const start = Date.UTC(2025, month, 1) / 1000
      const intervals = sampleIntervals(meter, start, start + 30 * DAY)
      expect(intervals.every(({ usage }) => usage > 0)).toBe(true)
      return intervals.reduce((sum, { usage }) => sum + usage, 0)
    })
    const [july, january] = [6, 0]
    expect(present(electric)(july)).toBeGreaterThan(present(electric)(january))
    expect(present(gas)(january)).toBeGreaterThan(2 * present(gas)(july))
    const kWhPerDay = present(electric)(july) / 30
    expect(kWhPerDay).toBeGreaterThan(5)
    expect(kWhPerDay).toBeLessThan(60)
  })
})

describe('sampleBills', () => {
  const account = present(sampleAccounts('user-1', pge)[0])

  it('gives the 12 calendar months before now, newest first, with stable ids', () => {
    const bills = sampleBills(account, JUNE_15)
    expect(bills).toHaveLength(12)
    expect(bills[0]?.start_date).toBe(Date.UTC(2025, 4, 1) / 1000)
    expect(bills[11]?.start_date).toBe(Date.UTC(2024, 5, 1) / 1000)
    expect(new Set(bills.map((bill) => bill.id)).size).toBe(12)
    expect(sampleBills(account, JUNE_15)).toEqual(bills)
  })

  it('leaves out a month whose statement is not issued yet', () => {
    const bills = sampleBills(account, Date.UTC(2025, 5, 2))
    expect(bills[0]?.start_date).toBe(Date.UTC(2025, 3, 1) / 1000)
  })

  it('charges a fixed fee plus the usage its intervals report', () => {
    for (const bill of sampleBills(account, JUNE_15)) {
      const usage = (type: string) =>
        account.meters
          .filter((meter) => meter.type === type)
          .flatMap((meter) => sampleIntervals(meter, bill.start_date, bill.end_date))
          .reduce((sum, interval) => sum + interval.usage, 0)
      const expected = 11.5 + 0.32 * usage('ELECTRIC') + 2.1 * usage('GAS')
      expect(bill.total_amount_due).toBeCloseTo(expected, 2)
      expect(Number.isInteger(Math.round(bill.total_amount_due * 100))).toBe(true)
    }
  })
})
