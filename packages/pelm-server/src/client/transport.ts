import {
  PelmError,
  PelmInvalidResponseError,
  PelmTimeoutError,
  PelmUnavailableError,
} from '../errors'
import { type AttemptConfig, attempt, type PelmRequest } from './attempt'
import { backoffDelay, type ResolvedRetryPolicy, sleep } from './backoff'
import { errorFromResponse } from './upstream-error'

/** Reported before each retry, e.g. to a logger. Never carries a token or the secret. */
export interface PelmRetryEvent {
  /** e.g. `POST /auth/connect-token`. */
  operation: string
  /** 1 for the first retry. */
  retry: number
  delayMs: number
  reason: 'network' | 'status' | 'data_unavailable'
  status?: number
}

/** What {@link send} needs: one attempt's config plus the retry policies. */
export interface TransportConfig extends AttemptConfig {
  retry: ResolvedRetryPolicy
  dataRetry: ResolvedRetryPolicy
  onRetry: ((event: PelmRetryEvent) => void) | undefined
}

const TRANSIENT_STATUSES = new Set([502, 503, 504])
const UNSENT_CODES = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN'])

function provablyUnsent(error: unknown): boolean {
  for (let depth = 0; depth < 4 && error instanceof Error; depth++) {
    const code = (error as { code?: unknown }).code
    if (typeof code === 'string' && UNSENT_CODES.has(code)) return true
    error = error.cause
  }
  return false
}

function parseJson(text: string): { ok: true; value: unknown } | { ok: false } {
  try {
    return { ok: true, value: JSON.parse(text) }
  } catch {
    return { ok: false }
  }
}

/**
 * Sends one Pelm call within `timeoutMs` (retries and their delays included) and answers the
 * parsed JSON of a 2xx (`undefined` when the request expects no body); throws a
 * {@link PelmError} subclass otherwise.
 */
export async function send(config: TransportConfig, request: PelmRequest): Promise<unknown> {
  const operation = request.label ?? `${request.method} ${request.path}`
  const deadline = Date.now() + config.timeoutMs
  const used = { status: 0, data: 0 }
  const retryAfter = async (
    kind: 'status' | 'data',
    reason: PelmRetryEvent['reason'],
    status?: number,
  ) => {
    const policy = kind === 'data' ? config.dataRetry : config.retry
    if (used[kind] >= policy.retries) return false
    const delayMs = backoffDelay(policy, used[kind])
    if (Date.now() + delayMs >= deadline) return false
    used[kind] += 1
    config.onRetry?.({ operation, retry: used[kind], delayMs, reason, status })
    await sleep(delayMs)
    return true
  }
  for (;;) {
    const remainingMs = deadline - Date.now()
    if (remainingMs <= 0) throw new PelmTimeoutError(config.timeoutMs)
    let answer: { status: number; text: string }
    try {
      answer = await attempt(config, request, remainingMs)
    } catch (error) {
      // A timeout or an oversized answer is final; anything else is the network failing.
      if (error instanceof PelmError) throw error
      const retryable = request.retry === 'transient' || provablyUnsent(error)
      if (retryable && (await retryAfter('status', 'network'))) continue
      throw new PelmUnavailableError(`Could not reach Pelm for ${operation}.`, { cause: error })
    }
    const ok = answer.status >= 200 && answer.status < 300
    if (ok && request.expect === 'none') return undefined
    const body = parseJson(answer.text)
    if (ok) {
      if (body.ok) return body.value
      throw new PelmInvalidResponseError(
        `Pelm answered ${operation} with a body that is not JSON.`,
        { status: answer.status },
      )
    }
    const error = errorFromResponse(answer.status, body.ok ? body.value : undefined, operation)
    if (request.retry === 'transient' && TRANSIENT_STATUSES.has(answer.status)) {
      if (await retryAfter('status', 'status', answer.status)) continue
    } else if (request.retryDataUnavailable && error.upstreamCode === 'data_unavailable') {
      if (await retryAfter('data', 'data_unavailable', answer.status)) continue
    }
    throw error
  }
}
