import { describe, expect, it } from 'vitest'
import { expectPelmError, present, testSandbox, utility } from '../../test/api-sandbox'
import { sampleAccounts } from '../sandbox/sample-data'

const DELAY_MS = 5000

async function loadingSandbox() {
  const sandbox = testSandbox({ dataDelayMs: DELAY_MS })
  const accessToken = await sandbox.connect('user-1', 'pge')
  const [account] = sampleAccounts('user-1', utility('pge'))
  return { ...sandbox, accessToken, accountId: present(account).id }
}

describe('dataReady', () => {
  it.each(['/accounts', '/bills', '/intervals'])(
    'answers %s with 500 data_unavailable until dataDelayMs after the exchange',
    async (path) => {
      const { get, accessToken, accountId, clock, mock } = await loadingSandbox()
      clock.now += DELAY_MS - 1
      const query = path === '/accounts' ? '' : `?account_id=${accountId}&type=ELECTRIC`
      await expectPelmError(
        await get(`${path}${query}`, accessToken),
        500,
        'data_unavailable',
        /still being loaded; retry in 1 s/,
      )
      clock.now += 1
      expect((await get(`${path}${query}`, accessToken)).status).toBe(200)
      expect(mock.requests.at(-1)?.path).toBe(path)
    },
  )

  it('reports bad input as 400 rather than data_unavailable', async () => {
    const { get, accessToken } = await loadingSandbox()
    await expectPelmError(await get('/bills', accessToken), 400, 'parameter_missing')
  })

  it('times the delay per connection: a new exchange starts a new loading window', async () => {
    const { get, accessToken, clock, connect } = await loadingSandbox()
    clock.now += DELAY_MS
    const second = await connect('user-2')
    expect((await get('/accounts', accessToken)).status).toBe(200)
    await expectPelmError(await get('/accounts', second), 500, 'data_unavailable')
  })

  it('never answers data_unavailable with the default delay of 0', async () => {
    const { get, connect } = testSandbox()
    expect((await get('/accounts', await connect())).status).toBe(200)
  })
})
