import type { SandboxContext } from '../sandbox/context'
import { apiFactory } from './api-env'
import { PelmApiError } from './api-error'

/**
 * Answers 500 `data_unavailable` while a new connection's data is still loading, as Pelm does
 * right after a first connection: for `dataDelayMs` after the code exchange.
 */
export function dataReady(context: Pick<SandboxContext, 'now' | 'dataDelayMs'>) {
  return apiFactory.createMiddleware(async (c, next) => {
    const readyAt = c.var.pelmUser.connectedAt + context.dataDelayMs
    const waitMs = readyAt - context.now()
    if (waitMs > 0) {
      throw new PelmApiError(
        500,
        'data_unavailable',
        `The data is still being loaded; retry in ${Math.ceil(waitMs / 1000)} s.`,
      )
    }
    await next()
  })
}
