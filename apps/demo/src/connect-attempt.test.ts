import type { Connection } from '@acme/pelm-react'
import { describe, expect, it } from 'vitest'
import { baselineOf, madeSince } from './connect-attempt'

const connection = (id: string, status: Connection['status'] = 'active'): Connection => ({
  id,
  connectedAt: '2026-01-01T00:00:00.000Z',
  status,
})

describe('madeSince (issue 18 item 14: judge by the connections, not by how the attempt ended)', () => {
  it('finds a connection that was not there when Connect was opened', () => {
    const baseline = baselineOf([connection('a')])
    expect(madeSince(baseline, [connection('a'), connection('b')])?.id).toBe('b')
  })

  it('finds a reconnected one: it needed a reconnect before and is active now', () => {
    const baseline = baselineOf([connection('a', 'reconnect_required')])
    expect(madeSince(baseline, [connection('a')])?.id).toBe('a')
  })

  it('finds nothing when nothing changed, or before the list is known', () => {
    const baseline = baselineOf([connection('a'), connection('b', 'reconnect_required')])
    expect(
      madeSince(baseline, [connection('a'), connection('b', 'reconnect_required')]),
    ).toBeUndefined()
    expect(madeSince(baselineOf([]), undefined)).toBeUndefined()
  })

  it('claims nothing when the list was not loaded at the click', () => {
    expect(madeSince(baselineOf(undefined), [connection('a')])).toBeUndefined()
  })
})
