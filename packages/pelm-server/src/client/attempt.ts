import { PelmTimeoutError } from '../errors'
import type { PelmRequest, TransportConfig } from './transport'

const cleanParams = (params: Record<string, string | undefined> = {}) =>
  new URLSearchParams(
    Object.entries(params).filter((entry): entry is [string, string] => entry[1] !== undefined),
  )

/**
 * One HTTP exchange with Pelm, body read included, aborted after `remainingMs`
 * ({@link PelmTimeoutError}). Redirects are not followed: they would carry the secret header.
 */
export async function attempt(config: TransportConfig, request: PelmRequest, remainingMs: number) {
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
    // another object (here, the transport config).
    const { fetch } = config
    const response = await fetch(url, {
      method: request.method,
      headers,
      body,
      signal: controller.signal,
      redirect: 'manual',
    })
    return { status: response.status, text: await response.text() }
  }
  try {
    return await Promise.race([exchange(), timeout])
  } finally {
    clearTimeout(timer)
  }
}
