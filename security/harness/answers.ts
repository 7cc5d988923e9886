// The JSON error body of the app's answers, read leniently: attacks and fuzzing meet answers
// that are not the route's error shape (pelm-server's `errorOf` expects it).

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
