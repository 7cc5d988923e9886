import { type Context, Hono } from 'hono'
import { HTTPException } from 'hono/http-exception'
import { basePath } from 'hono/route'
import type { SandboxContext } from '../sandbox/context'
import { DroppedConnection } from '../sandbox/faults'
import { validateEntry } from './entry'
import { type FieldErrors, flowHandlers } from './flow'
import { flowUrls, isFlowAction } from './flow-urls'
import { readForm } from './form'
import { handBackUrl } from './hand-back'
import { isProblem, type Problem, problems } from './problems'
import { renderProblem, renderScreen } from './render'
import { pageHeaders, sameOriginForms } from './security'
import { type ConnectSession, ConnectSessions, currentScreen } from './session'

/**
 * The hosted Connect pages, mounted at `/connect`: server-rendered forms that work without
 * JavaScript. The flow's progress lives in a server-side session whose id is in the page URLs.
 */
export function connectRoutes(context: SandboxContext): Hono {
  const { store } = context
  const sessions = new ConnectSessions(context.now, context.retention)
  const handlers = flowHandlers(store)
  const app = new Hono()

  /** The session, while its flow goes on and its connect token is still valid. */
  const openSession = (sessionId: string): ConnectSession | Problem => {
    const session = sessions.find(sessionId)
    if (!session || session.handedBack) return problems.sessionUnknown
    return store.findConnectToken(session.connectToken) ? session : problems.sessionExpired
  }

  /**
   * The hand-back of a flow that already ended, while it is still worth sending again: a double
   * click on Sign in or Exit posts twice, and the browser shows the answer to the second post.
   * A code is sent again only until it is exchanged or expires; it is never a new one.
   */
  const repeatedHandBack = (sessionId: string): string | undefined => {
    const handedBack = sessions.find(sessionId)?.handedBack
    if (!handedBack || handedBack.code === undefined) return handedBack?.url
    const code = store.codes.get(handedBack.code)
    const unused = code && code.usedAt === undefined && code.expiresAt > context.now()
    return unused ? handedBack.url : undefined
  }

  const show = (
    c: Context,
    session: ConnectSession,
    form: { values?: Record<string, string>; errors?: FieldErrors; query?: string } = {},
    status: 200 | 401 | 422 = 200,
  ) =>
    renderScreen(
      c,
      {
        session,
        urls: flowUrls(basePath(c), session.id),
        values: form.values ?? {},
        errors: form.errors ?? {},
        query: form.query ?? '',
      },
      status,
    )

  app.use(...pageHeaders(), sameOriginForms(context.publicOrigin))

  const enter = (c: Context) => {
    const entry = validateEntry(store, {
      connectToken: c.req.query('connect_token'),
      redirectUri: c.req.query('redirect_uri'),
      state: c.req.query('state'),
    })
    if (isProblem(entry)) return renderProblem(c, entry)
    const session = sessions.start({
      connectToken: entry.record.token,
      userId: entry.record.userId,
      utility: entry.record.utility,
      redirectUri: entry.redirectUri,
      state: entry.state,
      expiresAt: entry.record.expiresAt,
      updateMode: store.isUpdateMode(entry.record.userId),
    })
    return show(c, session)
  }

  app.get('/', enter)
  // A mounted app's '/' only matches `/connect`; the link users land on is `/connect/?…`.
  app.get('*', (c, next) => (c.req.path === `${basePath(c)}/` ? enter(c) : next()))

  app.get('/flow/:sessionId', (c) => {
    const session = openSession(c.req.param('sessionId'))
    if (isProblem(session)) return renderProblem(c, session)
    return show(c, session, { query: c.req.query('q') ?? '' })
  })

  app.post('/flow/:sessionId/:action', async (c) => {
    const action = c.req.param('action')
    if (!isFlowAction(action)) return renderProblem(c, problems.pageNotFound)
    // Read before looking at the session: no await may separate the screen check from the update.
    const form = await readForm(c)
    const repeated = repeatedHandBack(c.req.param('sessionId'))
    if (repeated) return c.redirect(repeated, 302)
    const session = openSession(c.req.param('sessionId'))
    if (isProblem(session)) return renderProblem(c, session)
    const page = flowUrls(basePath(c), session.id).page
    const handler = handlers[action]
    // A form from an earlier screen (back button, second tab): show where the flow really is.
    if (handler.screen && handler.screen !== currentScreen(session)) return c.redirect(page, 303)

    const outcome = handler.run(session, form)
    switch (outcome.kind) {
      case 'advance':
        return c.redirect(page, 303)
      case 'invalid': {
        const { values, errors, status } = outcome
        return show(c, session, { values, errors, query: values.q }, status)
      }
      case 'hand-back': {
        const url = handBackUrl(session, outcome.outcome)
        sessions.end(session, {
          url,
          code: 'code' in outcome.outcome ? outcome.outcome.code : undefined,
        })
        return c.redirect(url, 302)
      }
    }
  })

  app.all('*', (c) => renderProblem(c, problems.pageNotFound))

  app.onError((error, c) => {
    if (error instanceof DroppedConnection) throw error
    if (error instanceof HTTPException && error.status === 403) {
      return renderProblem(c, problems.crossSiteForm)
    }
    return renderProblem(c, problems.internal)
  })

  return app
}
