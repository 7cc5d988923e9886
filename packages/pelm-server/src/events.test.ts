import { describe, expect, expectTypeOf, it } from 'vitest'
import { PELM_EVENT_TYPES, type PelmEvent, type PelmEventOf, type PelmEventType } from './events'

describe('PelmEvent', () => {
  it('lists every event type exactly once', () => {
    expectTypeOf<(typeof PELM_EVENT_TYPES)[number]>().toEqualTypeOf<PelmEventType>()
    expect(new Set(PELM_EVENT_TYPES).size).toBe(PELM_EVENT_TYPES.length)
  })

  it('narrows by type, and has no field that could hold a secret', () => {
    expectTypeOf<PelmEventOf<'exchange.failed'>>().toHaveProperty('code').toEqualTypeOf<string>()
    expectTypeOf<PelmEventOf<'rate_limited'>['route']>().toEqualTypeOf<
      'connect-token' | 'exchange'
    >()
    type Keys = PelmEvent extends infer E ? (E extends unknown ? keyof E : never) : never
    const keys: Record<Keys, true> = {
      type: true,
      userId: true,
      at: true,
      connectionId: true,
      mode: true,
      utilityId: true,
      utilitySlug: true,
      code: true,
      status: true,
      previous: true,
      route: true,
      retryAfterMs: true,
    }
    for (const key of Object.keys(keys))
      expect(key).not.toMatch(/token$|secret|state$|cookie|pelmUser/i)
  })
})
