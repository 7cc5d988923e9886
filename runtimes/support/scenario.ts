import { type ServedPelmMock, servePelmMock } from '@acme/pelm-mock'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { type AppFetch, browser, handBack } from './browser'
import { completeHostedConnect } from './hosted-connect'
import { exampleSettings, REDIRECT_URI, tokenExchanges } from './sandbox'
import type { ExampleSettings } from './targets'

/** An app under test, started against a sandbox. */
export interface StartedApp {
  app: AppFetch
  stop(): Promise<void>
}

/**
 * The runtime contract: one user connects through the sandbox's hosted pages over HTTP, reads
 * and deletes the connection; a replayed exchange and forged requests are refused. `start`
 * serves the app (a runtime process, or a handler in this process) with `settings`.
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

    /** A browser that went through Connect: the code and state Connect handed back. */
    async function connectThroughSandbox(user: string) {
      const me = browser(app, user)
      const token = await me.connectToken()
      expect(token.status, JSON.stringify(token.body)).toBe(200)
      const back = await completeHostedConnect(sandbox, token.body.connectUrl)
      expect(`${back.origin}${back.pathname}`).toBe(REDIRECT_URI)
      return { me, token, ...handBack(back) }
    }

    it('connects through the hosted pages, then reads and deletes the connection', async () => {
      const { me, token, code, state } = await connectThroughSandbox('alice')
      const connectUrl = new URL(token.body.connectUrl)
      expect(`${connectUrl.origin}${connectUrl.pathname}`.replace(/\/$/, '')).toBe(
        sandbox.connectUrl,
      )
      expect(connectUrl.searchParams.get('redirect_uri')).toBe(REDIRECT_URI)
      expect(Date.parse(token.body.expiresAt)).toBeGreaterThan(Date.now())
      expect(token.response.headers.get('set-cookie')).toMatch(/pelm_state=.+HttpOnly/i)

      const exchanged = await me.exchange(code, state)
      expect(exchanged.status).toBe(200)
      expect(exchanged.body).toEqual({ connected: true })
      expect(me.jar.stateCookie).toBeUndefined()
      expect(tokenExchanges(sandbox, code)).toBe(1)

      const connection = await me.connection()
      expect(connection.status).toBe(200)
      expect(connection.body).toEqual({ connected: true, connectedAt: expect.any(String) })
      expect(Date.parse(connection.body.connectedAt ?? '')).toBeLessThanOrEqual(Date.now())

      expect((await me.disconnect()).status).toBe(204)
      expect((await me.connection()).body).toEqual({ connected: false })
    })

    it('refuses a replayed callback: 409 state_used, and Pelm sees one exchange', async () => {
      const { me, code, state } = await connectThroughSandbox('bob')
      const cookie = me.jar.stateCookie
      expect((await me.exchange(code, state)).status).toBe(200)

      me.jar.stateCookie = cookie
      const replayed = await me.exchange(code, state)
      expect(replayed.status).toBe(409)
      expect(replayed.errorCode).toBe('state_used')
      expect(tokenExchanges(sandbox, code)).toBe(1)
    })

    it('refuses a cross-site exchange, one without the state cookie, and an anonymous user', async () => {
      const { me, code, state } = await connectThroughSandbox('carol')
      const cookie = me.jar.stateCookie

      const crossSite = await me.call(
        'POST',
        '/exchange',
        { code, state },
        {
          origin: 'https://attacker.example',
        },
      )
      expect(crossSite.status).toBe(403)
      expect(crossSite.errorCode).toBe('cross_origin_request')

      me.jar.stateCookie = undefined
      const withoutCookie = await me.exchange(code, state)
      expect(withoutCookie.status).toBe(400)
      expect(withoutCookie.errorCode).toBe('state_missing')

      const anonymous = await browser(app, '').connectToken()
      expect(anonymous.status).toBe(401)
      expect(anonymous.errorCode).toBe('unauthenticated')

      // None of it reached Pelm or spent the code: the real callback still completes.
      expect(tokenExchanges(sandbox, code)).toBe(0)
      me.jar.stateCookie = cookie
      expect((await me.exchange(code, state)).status).toBe(200)
    })
  })
}
