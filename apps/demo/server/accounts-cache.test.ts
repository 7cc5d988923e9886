import type { PelmAccount } from '@acme/pelm-server'
import { describe, expect, it } from 'vitest'
import { accountsCache } from './accounts-cache'

const account = (id: string): PelmAccount => ({ id, meters: [] })

/** A Pelm client whose `getAccounts` answers `[token]` (or fails while `failing`), counted. */
function fakePelm() {
  const calls: string[] = []
  const pelm = {
    failing: false,
    getAccounts: async (token: string) => {
      calls.push(token)
      if (pelm.failing) throw new Error('Pelm failed')
      return [account(`${token}-${calls.length}`)]
    },
  }
  return { pelm, calls }
}

describe('accountsCache', () => {
  it('answers get from the last read for maxAgeMs, then asks Pelm again', async () => {
    let now = 0
    const { pelm, calls } = fakePelm()
    const cache = accountsCache({ pelm, maxAgeMs: 1_000, now: () => now })
    expect(await cache.read('a')).toEqual([account('a-1')])
    now = 999
    expect(await cache.get('a')).toEqual([account('a-1')])
    expect(await cache.get('a')).toEqual([account('a-1')])
    now = 1_000
    expect(await cache.get('a')).toEqual([account('a-2')])
    expect(calls).toEqual(['a', 'a'])
  })

  it('makes one Pelm call for charts that ask at once, and one per access token', async () => {
    const { pelm, calls } = fakePelm()
    const cache = accountsCache({ pelm })
    const lists = await Promise.all([
      cache.get('a'),
      cache.get('a'),
      cache.get('a'),
      cache.get('b'),
    ])
    expect(lists.map((list) => list[0]?.id)).toEqual(['a-1', 'a-1', 'a-1', 'b-2'])
    expect(calls).toEqual(['a', 'b'])
  })

  it('keeps no failure: the next get asks again', async () => {
    const { pelm, calls } = fakePelm()
    const cache = accountsCache({ pelm })
    pelm.failing = true
    await expect(cache.get('a')).rejects.toThrow('Pelm failed')
    pelm.failing = false
    expect(await cache.get('a')).toEqual([account('a-2')])
    expect(calls).toEqual(['a', 'a'])
  })

  it('read always asks Pelm (the accounts page shows fresh data)', async () => {
    const { pelm, calls } = fakePelm()
    const cache = accountsCache({ pelm })
    await cache.read('a')
    expect(await cache.read('a')).toEqual([account('a-2')])
    expect(await cache.get('a')).toEqual([account('a-2')])
    expect(calls).toEqual(['a', 'a'])
  })

  it('forgets the oldest connection beyond maxEntries', async () => {
    const { pelm, calls } = fakePelm()
    const cache = accountsCache({ pelm, maxEntries: 2 })
    for (const token of ['a', 'b', 'c', 'b', 'a']) await cache.get(token)
    expect(calls).toEqual(['a', 'b', 'c', 'a'])
  })
})
