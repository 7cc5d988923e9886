import { describe, expect, it } from 'vitest'
import { createPelmMock } from '../create-pelm-mock'
import { FaultInjector } from './faults'

describe('FaultInjector.fired', () => {
  it('counts the rules that fired, not the requests that matched none', () => {
    const faults = new FaultInjector()
    expect(faults.fired).toBe(0)
    faults.add({ route: 'POST /auth/token', status: 503, times: 2 })
    expect(faults.take('GET', '/accounts')).toBeUndefined()
    expect(faults.take('POST', '/auth/token')).toBeDefined()
    expect(faults.take('POST', '/auth/token')).toBeDefined()
    expect(faults.take('POST', '/auth/token')).toBeUndefined()
    expect(faults.fired).toBe(2)
  })

  it('keeps the count when the rules are cleared', () => {
    const faults = new FaultInjector()
    faults.add({ route: '*', latencyMs: 1 })
    faults.take('GET', '/accounts')
    faults.clear()
    expect(faults.active).toEqual([])
    expect(faults.fired).toBe(1)
  })

  it('counts the faults a sandbox injected into its answers', async () => {
    const mock = createPelmMock()
    mock.faults.add({ route: 'GET /accounts', status: 500, times: 1 })
    const get = () => mock.fetch(`${mock.apiUrl}/accounts`)
    expect((await get()).status).toBe(500)
    expect((await get()).status).not.toBe(500)
    expect(mock.faults.fired).toBe(1)
  })
})
