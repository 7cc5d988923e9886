import { describe, expect, it } from 'vitest'
import { createLog, type PelmLogEvent } from './logger'

describe('createLog', () => {
  it('redacts configured secrets, per-request values and sensitive field names', () => {
    const events: PelmLogEvent[] = []
    const log = createLog((event) => events.push(event), ['s3cr3t-value'])
    log(
      {
        level: 'error',
        event: 'internal_error',
        error: { name: 'Error', message: 'failed with s3cr3t-value and at_123456 and code_abcdef' },
        ...({ accessToken: 'at_123456', nested: { cookie: 'x' } } as object),
      },
      ['at_123456', 'code_abcdef', undefined],
    )
    expect(events).toEqual([
      {
        level: 'error',
        event: 'internal_error',
        error: { name: 'Error', message: 'failed with [redacted] and [redacted] and [redacted]' },
        accessToken: '[redacted]',
        nested: { cookie: '[redacted]' },
      },
    ])
  })

  it('ignores a logger that throws, and does nothing without one', () => {
    const throwing = createLog(() => {
      throw new Error('logger down')
    }, [])
    expect(() => throwing({ level: 'info', event: 'exchange.succeeded' })).not.toThrow()
    expect(() =>
      createLog(undefined, [])({ level: 'info', event: 'exchange.succeeded' }),
    ).not.toThrow()
  })
})
