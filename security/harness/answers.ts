// What tests read from the app's answers: the state cookie and the JSON error body.

/** `pelm_state=<value>` from a Set-Cookie answer, as the browser sends it back. */
export function stateCookie(response: Response): string {
  const header = response.headers.getSetCookie().find((cookie) => cookie.startsWith('pelm_state='))
  return header?.split(';')[0] ?? ''
}

/** The error body of an answer, or `undefined` when it is not `{ error: { code, message } }`. */
export async function errorOf(
  response: Response,
): Promise<{ code: string; message: string } | undefined> {
  const text = await response.clone().text()
  return jsonError(response.headers.get('content-type'), text)
}

/** Parses the route's error shape; `undefined` for anything else. */
export function jsonError(
  contentType: string | null,
  text: string,
): { code: string; message: string } | undefined {
  if (!contentType?.startsWith('application/json')) return undefined
  let body: unknown
  try {
    body = JSON.parse(text)
  } catch {
    return undefined
  }
  const error = (body as { error?: unknown } | null)?.error as Record<string, unknown> | undefined
  if (typeof error?.code !== 'string' || typeof error.message !== 'string') return undefined
  return { code: error.code, message: error.message }
}
