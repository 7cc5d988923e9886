import { createPelmMock } from '@acme/pelm-mock'
import { describe, expect, it } from 'vitest'
import { sandboxClient } from './sandbox-client'

describe('the fetch the client calls', () => {
  it('is called unbound, as workerd requires of its own fetch', async () => {
    const mock = createPelmMock()
    // workerd's fetch throws "Illegal invocation" when `this` is another object.
    const fetch = function (this: unknown, input: RequestInfo | URL, init?: RequestInit) {
      if (this !== undefined && this !== globalThis) throw new TypeError('Illegal invocation')
      return mock.fetch(input, init)
    }
    const { client } = sandboxClient({ fetch }, mock)
    await expect(client.createConnectToken({ userId: 'user-1' })).resolves.toMatchObject({
      connectToken: expect.any(String),
    })
  })
})
