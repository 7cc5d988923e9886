import type { MiddlewareHandler } from 'hono'
import { bodyLimit } from 'hono/body-limit'
import { PelmHttpError } from '../errors/json-error'

const JSON_TYPE = /^application\/(?:[\w.-]+\+)?json$/

/** Refuses bodies larger than `maxBytes` with 413 `payload_too_large` (`hono/body-limit`). */
export function limitBody(maxBytes: number): MiddlewareHandler {
  return bodyLimit({
    maxSize: maxBytes,
    onError: () => {
      throw new PelmHttpError(
        'payload_too_large',
        `The request body is larger than ${maxBytes} bytes.`,
      )
    },
  })
}

/**
 * Requires a JSON body (415 `unsupported_media_type` otherwise). With `allowEmpty`, an empty body
 * (with or without a JSON content type) reads as `{}`.
 */
export function requireJson(options: { allowEmpty: boolean }): MiddlewareHandler {
  return async (c, next) => {
    const mediaType = c.req.header('content-type')?.split(';')[0]?.trim().toLowerCase()
    const isJson = mediaType !== undefined && JSON_TYPE.test(mediaType)
    if (options.allowEmpty && (mediaType === undefined || isJson)) {
      // Read once into Hono's body cache; the validator parses the same cached text.
      if ((await c.req.text()).trim() === '') {
        // Without a JSON type the validator reads `{}`; with one it parses the cache: make it `{}`.
        if (isJson) (c.req.bodyCache as { text?: Promise<string> }).text = Promise.resolve('{}')
        return next()
      }
    }
    if (!isJson) {
      throw new PelmHttpError(
        'unsupported_media_type',
        'Send the body as JSON with Content-Type: application/json.',
      )
    }
    await next()
  }
}
