import { PelmInvalidResponseError, PelmTimeoutError } from '../errors'

/** What one HTTP exchange with Pelm needs. */
export interface AttemptConfig {
  apiUrl: string
  clientId: string
  secret: string
  fetch: typeof globalThis.fetch
  /** For the timeout error's message: the whole call's budget. */
  timeoutMs: number
  /** Answers larger than this fail as `invalid_response`. */
  maxResponseBytes: number
}

/** One call to the Pelm API. */
export interface PelmRequest {
  method: 'GET' | 'POST' | 'DELETE'
  path: string
  query?: Record<string, string | undefined>
  form?: Record<string, string | undefined>
  accessToken?: string
  /**
   * `transient`: retry network errors and 502/503/504. `unsent`: retry only failures that prove
   * the request never left (connection refused, unknown host): for calls that must not repeat.
   */
  retry: 'transient' | 'unsent'
  /** Retry Pelm's `data_unavailable` (data still loading) with the data backoff. */
  retryDataUnavailable?: boolean
  /** Names the call in errors and logs when the path holds an id, e.g. `GET /users/{user_id}`. */
  label?: string
  /** `none`: a 2xx may have any body (or none); it is not read as JSON. Default `json`. */
  expect?: 'json' | 'none'
}

const cleanParams = (params: Record<string, string | undefined> = {}) =>
  new URLSearchParams(
    Object.entries(params).filter((entry): entry is [string, string] => entry[1] !== undefined),
  )

/** Reads a body up to `max` bytes; a larger one is cancelled, not buffered. */
async function readCapped(response: Response, max: number, operation: string): Promise<string> {
  const tooLarge = () =>
    new PelmInvalidResponseError(
      `Pelm answered ${operation} with a body larger than ${max} bytes.`,
      { status: response.status },
    )
  if (Number(response.headers.get('content-length')) > max) {
    await response.body?.cancel().catch(() => {})
    throw tooLarge()
  }
  if (!response.body) return ''
  const reader = response.body.getReader()
  const decoder = new TextDecoder()
  let size = 0
  let text = ''
  for (;;) {
    const { done, value } = await reader.read()
    if (done) return text + decoder.decode()
    size += value.byteLength
    if (size > max) {
      await reader.cancel().catch(() => {})
      throw tooLarge()
    }
    text += decoder.decode(value, { stream: true })
  }
}

/**
 * One HTTP exchange with Pelm, body read included, aborted after `remainingMs`
 * ({@link PelmTimeoutError}). Redirects are not followed: they would carry the secret header.
 */
export async function attempt(config: AttemptConfig, request: PelmRequest, remainingMs: number) {
  const query = cleanParams(request.query).toString()
  const headers: Record<string, string> = {
    Accept: 'application/json',
    'Pelm-Client-Id': config.clientId,
    'Pelm-Secret': config.secret,
  }
  if (request.accessToken) headers.Authorization = `Bearer ${request.accessToken}`
  let body: string | undefined
  if (request.form) {
    headers['Content-Type'] = 'application/x-www-form-urlencoded'
    body = cleanParams(request.form).toString()
  }
  const operation = request.label ?? `${request.method} ${request.path}`
  const controller = new AbortController()
  let timer: ReturnType<typeof setTimeout> | undefined
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => {
      controller.abort()
      reject(new PelmTimeoutError(config.timeoutMs))
    }, remainingMs)
  })
  const exchange = async () => {
    const url = `${config.apiUrl}${request.path}${query ? `?${query}` : ''}`
    // Called unbound: workerd throws "Illegal invocation" when its fetch runs as a method of
    // another object (here, the config).
    const { fetch } = config
    const response = await fetch(url, {
      method: request.method,
      headers,
      body,
      signal: controller.signal,
      redirect: 'manual',
    })
    const text = await readCapped(response, config.maxResponseBytes, operation)
    return { status: response.status, text }
  }
  try {
    return await Promise.race([exchange(), timeout])
  } finally {
    clearTimeout(timer)
  }
}
