import { describe, expect, it } from 'vitest'
import {
  DAY_SECONDS,
  expectPelmError,
  TEST_START,
  testSandbox,
  userWhose,
} from '../../test/api-sandbox'

async function connected() {
  const sandbox = testSandbox()
  const accessToken = await sandbox.connect('user-1')
  const [account] = await (await sandbox.get('/accounts', accessToken)).json()
  return { ...sandbox, accessToken, accountId: account.id as string }
}

describe('GET /bills', () => {
  it("answers the account's last 12 monthly bills, newest first", async () => {
    const { get, accessToken, accountId } = await connected()
    const response = await get(`/bills?account_id=${accountId}`, accessToken)
    expect(response.status).toBe(200)
    const [entry, ...rest] = await response.json()
    expect(rest).toEqual([])
    expect(entry.account_id).toBe(accountId)
    expect(entry.bills).toHaveLength(12)
    // The clock stands at 15 June 2025: May 2025 is the newest bill, June 2024 the oldest.
    expect(entry.bills[0]).toEqual({
      id: expect.stringMatching(/^bill_[0-9a-f]{16}$/),
      start_date: Date.UTC(2025, 4, 1) / 1000,
      end_date: Date.UTC(2025, 5, 1) / 1000,
      statement_date: Date.UTC(2025, 5, 3) / 1000,
      total_amount_due: expect.any(Number),
      due_date: Date.UTC(2025, 5, 24) / 1000,
    })
    expect(entry.bills[11].start_date).toBe(Date.UTC(2024, 5, 1) / 1000)
    for (const [index, bill] of entry.bills.entries()) {
      expect(bill.total_amount_due).toBeGreaterThan(0)
      expect(bill.statement_date).toBeLessThanOrEqual(TEST_START / 1000)
      if (index > 0) expect(bill.end_date).toBe(entry.bills[index - 1].start_date)
    }
  })

  it('answers the same bills on every call', async () => {
    const { get, accessToken, accountId } = await connected()
    const first = await (await get(`/bills?account_id=${accountId}`, accessToken)).json()
    const second = await (await get(`/bills?account_id=${accountId}`, accessToken)).json()
    expect(second).toEqual(first)
  })

  it('adds a bill once its statement is issued', async () => {
    const { get, accessToken, accountId, clock } = await connected()
    clock.now = Date.UTC(2025, 6, 3) - 1
    const before = await (await get(`/bills?account_id=${accountId}`, accessToken)).json()
    clock.now += DAY_SECONDS * 1000
    const after = await (await get(`/bills?account_id=${accountId}`, accessToken)).json()
    expect(after[0].bills[0].start_date).toBe(Date.UTC(2025, 5, 1) / 1000)
    expect(after[0].bills[1]).toEqual(before[0].bills[0])
  })

  it('refuses a missing account_id with 400 parameter_missing', async () => {
    const { get, accessToken } = await connected()
    await expectPelmError(await get('/bills', accessToken), 400, 'parameter_missing', /account_id/)
  })

  it("refuses another user's account with 403 permission_denied", async () => {
    const { get, connect } = testSandbox()
    const mine = await connect('user-1')
    const [theirs] = await (await get('/accounts', await connect('user-2'))).json()
    await expectPelmError(
      await get(`/bills?account_id=${theirs.id}`, mine),
      403,
      'permission_denied',
    )
  })

  it('refuses an unknown account_id alike, with 403 permission_denied', async () => {
    const { get, accessToken } = await connected()
    await expectPelmError(
      await get('/bills?account_id=acct_nope', accessToken),
      403,
      'permission_denied',
    )
  })

  it('answers for each of several accounts of one user', async () => {
    const { userId, accounts } = userWhose('pge', (found) => found.length === 3)
    const { get, connect } = testSandbox()
    const accessToken = await connect(userId, 'pge')
    for (const account of accounts) {
      const [entry] = await (await get(`/bills?account_id=${account.id}`, accessToken)).json()
      expect(entry.account_id).toBe(account.id)
    }
  })
})
