import { describe, expect, it } from 'vitest'
import {
  DAY_SECONDS,
  expectPelmError,
  present,
  TEST_START,
  testSandbox,
  userWhose,
} from '../../test/api-sandbox'

/** A PG&E user whose first account has both meters and who has a second account. */
const { userId, accounts } = userWhose(
  'pge',
  (found) => found.length >= 2 && found[0]?.meters.length === 2,
)
const [account, otherAccount] = [present(accounts[0]), present(accounts[1])]
const [electric, gas] = [present(account.meters[0]), present(account.meters[1])]

/** Midnight UTC, ten days before the test clock's start. */
const DAY = Math.floor(TEST_START / 1000 / DAY_SECONDS - 10) * DAY_SECONDS

async function connected() {
  const sandbox = testSandbox()
  const accessToken = await sandbox.connect(userId, 'pge')
  const intervals = (query: string) => sandbox.get(`/intervals?${query}`, accessToken)
  return { ...sandbox, accessToken, intervals }
}

describe('GET /intervals', () => {
  it('answers 96 fifteen-minute readings for one day of an account and type', async () => {
    const { intervals } = await connected()
    const response = await intervals(
      `account_id=${account.id}&type=ELECTRIC&start_date=${DAY}&end_date=${DAY + DAY_SECONDS}`,
    )
    expect(response.status).toBe(200)
    const body = await response.json()
    expect(body).toMatchObject({
      account_id: account.id,
      meter_id: electric.id,
      type: 'ELECTRIC',
      unit: 'kWh',
    })
    expect(body.intervals).toHaveLength(96)
    for (const [index, interval] of body.intervals.entries()) {
      expect(interval).toEqual({
        start: DAY + index * 900,
        end: DAY + (index + 1) * 900,
        usage: expect.any(Number),
      })
      expect(interval.usage).toBeGreaterThan(0)
    }
  })

  it('answers a gas meter by meter_id, in therms', async () => {
    const { intervals } = await connected()
    const body = await (
      await intervals(`meter_id=${gas.id}&start_date=${DAY}&end_date=${DAY + DAY_SECONDS}`)
    ).json()
    expect(body).toMatchObject({
      account_id: account.id,
      meter_id: gas.id,
      type: 'GAS',
      unit: 'therms',
    })
    expect(body.intervals).toHaveLength(96)
  })

  it('answers the same readings for a day alone as within a longer range', async () => {
    const { intervals } = await connected()
    const week = await (
      await intervals(
        `meter_id=${gas.id}&start_date=${DAY - 3 * DAY_SECONDS}&end_date=${DAY + 4 * DAY_SECONDS}`,
      )
    ).json()
    const day = await (
      await intervals(`meter_id=${gas.id}&start_date=${DAY}&end_date=${DAY + DAY_SECONDS}`)
    ).json()
    expect(week.intervals).toHaveLength(7 * 96)
    expect(week.intervals.slice(3 * 96, 4 * 96)).toEqual(day.intervals)
  })

  it('answers the last two months up to now by default', async () => {
    const { intervals } = await connected()
    const body = await (await intervals(`account_id=${account.id}&type=ELECTRIC`)).json()
    const now = TEST_START / 1000
    const twoMonthsAgo = Date.UTC(2025, 3, 15, 12) / 1000
    expect(body.intervals[0].start).toBe(twoMonthsAgo)
    expect(body.intervals.at(-1).end).toBe(now)
    expect(body.intervals).toHaveLength((now - twoMonthsAgo) / 900)
  })

  it('answers no readings after now', async () => {
    const { intervals } = await connected()
    const now = TEST_START / 1000
    const body = await (
      await intervals(`meter_id=${gas.id}&start_date=${now - 3600}&end_date=${now + DAY_SECONDS}`)
    ).json()
    expect(body.intervals).toHaveLength(4)
  })

  it.each([
    ['end_date before start_date', `start_date=${DAY}&end_date=${DAY - 900}`, /after start_date/],
    ['end_date equal to start_date', `start_date=${DAY}&end_date=${DAY}`, /after start_date/],
    ['a non-numeric start_date', 'start_date=yesterday', /start_date must be a unix timestamp/],
    ['an ISO end_date', 'end_date=2025-06-01', /end_date must be a unix timestamp/],
    ['a negative start_date', 'start_date=-5', /start_date/],
    ['a range over 400 days', `start_date=${DAY - 401 * DAY_SECONDS}&end_date=${DAY}`, /400 days/],
  ])('refuses %s with 400 parameter_invalid', async (_, range, message) => {
    const { intervals } = await connected()
    await expectPelmError(
      await intervals(`meter_id=${gas.id}&${range}`),
      400,
      'parameter_invalid',
      message,
    )
  })

  it('serves a range of exactly 400 days', async () => {
    const { intervals } = await connected()
    const response = await intervals(
      `meter_id=${gas.id}&start_date=${DAY - 400 * DAY_SECONDS}&end_date=${DAY}`,
    )
    expect((await response.json()).intervals).toHaveLength(400 * 96)
  })

  it.each([
    ['neither account_id nor meter_id', 'type=ELECTRIC', 'parameter_missing', /account_id/],
    ['account_id without type', `account_id=${account.id}`, 'parameter_missing', /type/],
    [
      'an unknown type',
      `account_id=${account.id}&type=WATER`,
      'parameter_invalid',
      /ELECTRIC or GAS/,
    ],
    [
      'a lower-case type',
      `account_id=${account.id}&type=gas`,
      'parameter_invalid',
      /ELECTRIC or GAS/,
    ],
    [
      'an Object.prototype name as type',
      `account_id=${account.id}&type=constructor`,
      'parameter_invalid',
      /ELECTRIC or GAS, not "constructor"/,
    ],
    [
      '__proto__ as type, with meter_id',
      `meter_id=${gas.id}&type=__proto__`,
      'parameter_invalid',
      /ELECTRIC or GAS, not "__proto__"/,
    ],
    [
      'a type the meter is not',
      `meter_id=${gas.id}&type=ELECTRIC`,
      'parameter_invalid',
      /GAS meter, not ELECTRIC/,
    ],
    [
      'a meter of another account',
      `meter_id=${gas.id}&account_id=${otherAccount.id}`,
      'parameter_invalid',
      /does not belong/,
    ],
    [
      'a repeated account_id',
      `account_id=${account.id}&account_id=${account.id}&type=GAS`,
      'parameter_invalid',
      /more than once/,
    ],
  ] as const)('refuses %s with 400', async (_, query, errorCode, message) => {
    const { intervals } = await connected()
    await expectPelmError(await intervals(query), 400, errorCode, message)
  })

  it('refuses a type the account has no meter of with 400 parameter_invalid', async () => {
    const { get, connect } = testSandbox()
    const accessToken = await connect('user-1', 'sce')
    const [sceAccount] = await (await get('/accounts', accessToken)).json()
    const response = await get(`/intervals?account_id=${sceAccount.id}&type=GAS`, accessToken)
    await expectPelmError(response, 400, 'parameter_invalid', /no GAS meter/)
  })

  it.each([
    ['account_id', `account_id=${account.id}&type=ELECTRIC`],
    ['meter_id', `meter_id=${gas.id}`],
  ])("refuses another user's %s with 403 permission_denied", async (_, query) => {
    const { get, connect } = testSandbox()
    const stranger = await connect('someone-else', 'pge')
    await expectPelmError(await get(`/intervals?${query}`, stranger), 403, 'permission_denied')
  })
})
