import { PelmConnectError } from '@acme/pelm-react'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { accountsBody, sessionBody } from './answers'
import { api } from './api'

afterEach(() => {
  vi.unstubAllGlobals()
})

const answering = (response: Response) => vi.stubGlobal('fetch', async () => response)

describe('api', () => {
  it('answers the body once its shape is checked', async () => {
    answering(Response.json({ user: { id: 'demo:ada', name: 'Ada' } }))
    expect(await api('/api/session', sessionBody)).toEqual({
      user: { id: 'demo:ada', name: 'Ada' },
    })
  })

  it.each([
    ['an HTML page (a proxy, a wrong path)', new Response('<!doctype html><p>Hello')],
    [
      'JSON of another shape',
      Response.json({ connections: [{ connectionId: 'c', accounts: 'x' }] }),
    ],
    [
      'a meter type the pages cannot show',
      Response.json({
        connections: [
          {
            connectionId: 'c',
            accounts: [
              {
                id: 'a',
                accountNumber: null,
                address: null,
                latestBills: [],
                meters: [{ id: 'm', type: 'WATER', meterNumber: null }],
              },
            ],
          },
        ],
      }),
    ],
  ])(
    'refuses %s as invalid_response instead of handing it to the page',
    async (_case, response) => {
      answering(response)
      const failure = await api('/api/accounts', accountsBody).catch((error: unknown) => error)
      expect(failure).toBeInstanceOf(PelmConnectError)
      expect(failure).toMatchObject({ code: 'invalid_response', status: 200 })
    },
  )

  it('turns an error answer into its code and message', async () => {
    answering(
      Response.json(
        { error: { code: 'unauthenticated', message: 'Sign in to see your accounts.' } },
        { status: 401 },
      ),
    )
    await expect(api('/api/accounts', accountsBody)).rejects.toMatchObject({
      code: 'unauthenticated',
      status: 401,
    })
  })
})
