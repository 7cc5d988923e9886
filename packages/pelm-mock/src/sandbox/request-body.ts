/** Reads a stream to its end, unless it holds more than `maxBytes`: then `undefined`, the rest unread. */
export async function readAtMost(
  stream: ReadableStream<Uint8Array>,
  maxBytes: number,
): Promise<Uint8Array<ArrayBuffer> | undefined> {
  const reader = stream.getReader()
  const chunks: Uint8Array[] = []
  let size = 0
  for (;;) {
    const { done, value } = await reader.read()
    if (done) break
    size += value.byteLength
    if (size > maxBytes) {
      // Not awaited: cancelling one branch of a cloned body settles only once the other is done.
      reader.cancel().catch(() => {})
      return undefined
    }
    chunks.push(value)
  }
  const bytes = new Uint8Array(size)
  let offset = 0
  for (const chunk of chunks) {
    bytes.set(chunk, offset)
    offset += chunk.byteLength
  }
  return bytes
}

const FORM_TYPES = ['application/x-www-form-urlencoded', 'multipart/form-data']

/** Form fields for urlencoded and multipart bodies, the parsed value for JSON, text otherwise. */
async function parseBody(
  bytes: Uint8Array<ArrayBuffer>,
  contentType: string | undefined,
): Promise<unknown> {
  // Media types are case-insensitive (RFC 9110 §8.3.1), as the API's form validator reads them.
  const mediaType = contentType?.toLowerCase() ?? ''
  if (contentType && FORM_TYPES.some((type) => mediaType.startsWith(type))) {
    const form = await new Response(bytes, { headers: { 'content-type': contentType } }).formData()
    const fields: Record<string, string> = {}
    for (const [name, value] of form) {
      fields[name] = typeof value === 'string' ? value : `[file ${value.name}]`
    }
    return fields
  }
  const text = new TextDecoder().decode(bytes)
  return mediaType.startsWith('application/json') ? JSON.parse(text) : text
}

/**
 * A request's body as the request log shows it, read from a copy so the routes can still read
 * it; `null` when there is none, it is longer than `maxBytes`, or it does not parse.
 */
export async function loggedBody(request: Request, maxBytes: number): Promise<unknown> {
  if (request.method === 'GET' || request.method === 'HEAD' || request.body === null) return null
  try {
    const copy = request.clone().body
    const bytes = copy && (await readAtMost(copy, maxBytes))
    return bytes ? await parseBody(bytes, request.headers.get('content-type') ?? undefined) : null
  } catch {
    return null
  }
}
