import type { Context } from 'hono'
import { bodyLimit } from 'hono/body-limit'
import * as v from 'valibot'
import { PelmHttpError } from '../errors/json-error'

const JSON_TYPE = /^application\/(?:[\w.-]+\+)?json$/

/**
 * Reads at most `maxBytes` of body before `read` runs; a larger body is 413
 * `payload_too_large`. A body with a `Content-Length` is judged by it, as `hono/body-limit`
 * does, but without touching `c.req.raw.body`: on `@hono/node-server` that getter builds a full
 * web `Request` and stream for the request, and the body is then read through them instead of
 * straight from the socket (about 0.3 ms of CPU per request under load). Bodies without a length
 * (chunked) go through `hono/body-limit`, which counts the bytes as they come.
 */
export function limitBody(maxBytes: number) {
  const tooLarge = () =>
    new PelmHttpError('payload_too_large', `The request body is larger than ${maxBytes} bytes.`)
  const streamed = bodyLimit({
    maxSize: maxBytes,
    onError: () => {
      throw tooLarge()
    },
  })
  return async <T>(c: Context, read: () => Promise<T>): Promise<T> => {
    const length = c.req.header('content-length')
    if (!length || !/^\d+$/.test(length) || c.req.header('transfer-encoding') !== undefined) {
      let result: { value: T } | undefined
      await streamed(c, async () => {
        result = { value: await read() }
      })
      if (!result) throw tooLarge()
      return result.value
    }
    if (Number(length) > maxBytes) throw tooLarge()
    return read()
  }
}

function describe(issues: readonly v.BaseIssue<unknown>[]): string {
  const details = issues.slice(0, 5).map((issue) => {
    const path = issue.path?.map((item) => String(item.key)).join('.')
    return path ? `${path}: ${issue.message}` : issue.message
  })
  return `The request body is invalid. ${details.join('; ')}`
}

/**
 * The one way the routes read a body: JSON (415 `unsupported_media_type` otherwise), parsed
 * (400 `invalid_body` when malformed) and checked with a valibot schema (400 `invalid_body`
 * naming the fields). With `allowEmpty`, an empty body, with or without a JSON type, reads as `{}`.
 * Runs after {@link limitBody}, which bounds what is read.
 */
export async function readJsonBody<S extends v.GenericSchema>(
  c: Context,
  schema: S,
  options: { allowEmpty: boolean },
): Promise<v.InferOutput<S>> {
  const mediaType = c.req.header('content-type')?.split(';')[0]?.trim().toLowerCase()
  const isJson = mediaType !== undefined && JSON_TYPE.test(mediaType)
  if (!isJson && !(options.allowEmpty && mediaType === undefined)) {
    throw new PelmHttpError(
      'unsupported_media_type',
      'Send the body as JSON with Content-Type: application/json.',
    )
  }
  const text = await c.req.text()
  let value: unknown = {}
  if (text.trim() !== '' || !options.allowEmpty) {
    if (!isJson) {
      throw new PelmHttpError(
        'unsupported_media_type',
        'Send the body as JSON with Content-Type: application/json.',
      )
    }
    try {
      value = JSON.parse(text)
    } catch {
      throw new PelmHttpError('invalid_body', 'The request body is not valid JSON.')
    }
    // A valibot object schema takes an array as an object with none of its keys.
    if (typeof value !== 'object' || value === null || Array.isArray(value)) {
      throw new PelmHttpError('invalid_body', 'The request body must be a JSON object.')
    }
  }
  const result = v.safeParse(schema, value)
  if (!result.success) throw new PelmHttpError('invalid_body', describe(result.issues))
  return result.output
}
