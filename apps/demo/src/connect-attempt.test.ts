import type { Connection } from '@acme/pelm-react'
import { afterEach, describe, expect, it, vi } from 'vitest'
import {
  announceCallbackToOpener,
  baselineOf,
  CALLBACK_REACHED,
  madeSince,
  openedByOurPage,
} from './connect-attempt'

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

describe('openedByOurPage and announceCallbackToOpener', () => {
  const ours = 'http://localhost:3000'
  const popupOf = (opener: unknown) => {
    vi.stubGlobal('location', new URL(`${ours}/pelm/callback`))
    vi.stubGlobal('window', { opener })
  }
  afterEach(() => {
    vi.unstubAllGlobals()
  })

  it('says yes, and tells the opener, for a popup of one of our pages', () => {
    const postMessage = vi.fn()
    popupOf({ location: { origin: ours }, postMessage })
    expect(openedByOurPage()).toBe(true)
    announceCallbackToOpener()
    expect(postMessage).toHaveBeenCalledWith({ type: CALLBACK_REACHED }, ours)
  })

  it('says no, and tells nobody, without an opener or with one on another origin', () => {
    const postMessage = vi.fn()
    const elsewhere = {
      get location(): never {
        throw new DOMException('Blocked a frame with origin', 'SecurityError')
      },
      postMessage,
    }
    for (const opener of [
      null,
      elsewhere,
      { location: { origin: 'https://evil.example' }, postMessage },
    ]) {
      popupOf(opener)
      expect(openedByOurPage()).toBe(false)
      announceCallbackToOpener()
    }
    expect(postMessage).not.toHaveBeenCalled()
  })
})
