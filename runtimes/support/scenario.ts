import { type ServedPelmMock, servePelmMock } from '@acme/pelm-mock'
import { completeConnect } from '@acme/pelm-mock/testing'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { type AppFetch, browser, handBack } from './browser'
import {
  connectTokenUserIds,
  exampleSettings,
  REDIRECT_URI,
  tokenExchanges,
  userDeletions,
} from './sandbox'
import type { ExampleSettings } from './targets'

/** An app under test, started against a sandbox. */
export interface StartedApp {
  app: AppFetch
  stop(): Promise<void>
}

type Browser = ReturnType<typeof browser>

const PGE = { id: '1', slug: 'pge', name: 'Pacific Gas and Electric' }
const SCE = { id: '2', slug: 'sce', name: 'Southern California Edison' }

/**
 * The runtime contract: one user connects two utilities through the sandbox's hosted pages over
 * HTTP, lists both and disconnects one; a replayed exchange and forged requests are refused.
 * `start` serves the app (a runtime process, or a handler in this process) with `settings`.
 */
export function runtimeContract(
  name: string,
  start: (settings: ExampleSettings) => Promise<StartedApp>,
) {
  describe(name, () => {
    let sandbox: ServedPelmMock
    let started: StartedApp | undefined
    let app: AppFetch

    beforeAll(async () => {
      sandbox = await servePelmMock({ port: 0 })
      started = await start(exampleSettings(sandbox))
      app = started.app
    })
    afterAll(async () => {
      await started?.stop()
      await sandbox?.close()
    })

    /**
     * One tab of `me` goes through Connect: a connect token (with `request`), then the hosted
     * pages over HTTP (picking `utility` on the selection screen when it shows), to the hand-back.
     */
    async function throughConnect(me: Browser, request = {}, utility?: string) {
      const token = await me.connectToken(request)
      expect(token.status, JSON.stringify(token.body)).toBe(200)
      const back = await completeConnect(token.body.connectUrl, { utility })
      expect(`${back.origin}${back.pathname}`).toBe(REDIRECT_URI)
      return { token, ...handBack(back) }
    }

    it('connects two utilities for one user, lists both as active, and disconnects one', async () => {
      const me = browser(app, 'alice')
      const before = connectTokenUserIds(sandbox).length
      // Two tabs of one browser start before either finishes: both states stay valid.
      const pge = await throughConnect(me, {}, 'pge')
      const sce = await throughConnect(me, { utilitySlug: 'sce' })

      const connectUrl = new URL(pge.token.body.connectUrl)
      expect(`${connectUrl.origin}${connectUrl.pathname}`.replace(/\/$/, '')).toBe(
        sandbox.connectUrl,
      )
      expect(connectUrl.searchParams.get('redirect_uri')).toBe(REDIRECT_URI)
      expect(Date.parse(pge.token.body.expiresAt)).toBeGreaterThan(Date.now())
      expect(pge.token.response.headers.get('set-cookie')).toMatch(/pelm_binding=.+HttpOnly/i)

      const first = await me.exchange(pge.code, pge.state)
      const second = await me.exchange(sce.code, sce.state)
      expect(first.status, JSON.stringify(first.body)).toBe(200)
      expect(second.status, JSON.stringify(second.body)).toBe(200)
      const connection = { id: expect.any(String), connectedAt: expect.any(String) }
      expect(first.body).toEqual({
        connected: true,
        connection: { ...connection, utility: { id: PGE.id, name: PGE.name }, status: 'active' },
      })
      expect(second.body).toEqual({
        connected: true,
        connection: { ...connection, utility: SCE, status: 'active' },
      })
      expect(tokenExchanges(sandbox, pge.code)).toBe(1)
      expect(tokenExchanges(sandbox, sce.code)).toBe(1)
      const pgeId = first.body.connection.id
      const sceId = second.body.connection.id
      // Two Pelm Users, one per connection (the examples keep the default `pelmUserId`: the
      // connection id), and the app user id never reaches Pelm.
      expect(connectTokenUserIds(sandbox).slice(before)).toEqual([pgeId, sceId])

      const listed = await me.connections()
      expect(listed.status).toBe(200)
      // Oldest first, and exactly these fields: no access token, no Pelm user id.
      expect(listed.body).toEqual({
        connections: [first.body.connection, second.body.connection],
      })

      // Another user cannot delete (or see) alice's connection: the same 404 as an unknown id.
      const mallory = browser(app, 'mallory')
      expect((await mallory.disconnect(pgeId)).errorCode).toBe('connection_not_found')
      expect((await mallory.connections()).body).toEqual({ connections: [] })
      expect(userDeletions(sandbox, pgeId)).toBe(0)

      const disconnected = await me.disconnect(pgeId)
      expect(disconnected.status).toBe(204)
      expect(userDeletions(sandbox, pgeId)).toBe(1)
      expect((await me.connections()).body).toEqual({ connections: [second.body.connection] })
      const again = await me.disconnect(pgeId)
      expect(again.status).toBe(404)
      expect(again.errorCode).toBe('connection_not_found')
      expect(userDeletions(sandbox, sceId)).toBe(0)
    })

    it('refuses a replayed callback: 409 state_used, and Pelm sees one exchange', async () => {
      const me = browser(app, 'bob')
      const { code, state } = await throughConnect(me)
      expect((await me.exchange(code, state)).status).toBe(200)

      const replayed = await me.exchange(code, state)
      expect(replayed.status).toBe(409)
      expect(replayed.errorCode).toBe('state_used')
      expect(tokenExchanges(sandbox, code)).toBe(1)
      expect((await me.connections()).body.connections).toHaveLength(1)
    })

    it('refuses a cross-site exchange, one without the binding cookie, one from another browser, and an anonymous user', async () => {
      const me = browser(app, 'carol')
      const { code, state } = await throughConnect(me)
      const cookie = me.jar.binding

      const crossSite = await me.call(
        'POST',
        '/exchange',
        { code, state },
        { origin: 'https://attacker.example' },
      )
      expect(crossSite.status).toBe(403)
      expect(crossSite.errorCode).toBe('cross_origin_request')

      me.jar.binding = undefined
      const withoutCookie = await me.exchange(code, state)
      expect(withoutCookie.status).toBe(400)
      expect(withoutCookie.errorCode).toBe('state_missing')

      // Carol's state in a browser the app bound on its own (the same user, another binding).
      const elsewhere = browser(app, 'carol')
      expect((await elsewhere.connectToken()).status).toBe(200)
      const otherBrowser = await elsewhere.exchange(code, state)
      expect(otherBrowser.status).toBe(403)
      expect(otherBrowser.errorCode).toBe('state_mismatch')

      const anonymous = browser(app, '')
      expect((await anonymous.connectToken()).errorCode).toBe('unauthenticated')
      const anonymousList = await anonymous.connections()
      expect(anonymousList.status).toBe(401)
      expect(anonymousList.errorCode).toBe('unauthenticated')

      // None of it reached Pelm or spent the code: the real callback still completes.
      expect(tokenExchanges(sandbox, code)).toBe(0)
      me.jar.binding = cookie
      expect((await me.exchange(code, state)).status).toBe(200)
    })
  })
}
