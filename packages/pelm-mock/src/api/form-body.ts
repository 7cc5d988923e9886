import { validator } from 'hono/validator'
import { parameterInvalid } from './api-error'
import { TextFields } from './text-fields'

const FORM_TYPES = ['application/x-www-form-urlencoded', 'multipart/form-data']

/**
 * Validates a form body (urlencoded or multipart, as Pelm accepts) with `parse`; any other content
 * type is refused with `parameter_invalid`. The result is `c.req.valid('form')`.
 */
export function formBody<T>(parse: (fields: TextFields) => T) {
  return validator('form', (value, c) => {
    const mediaType = c.req.header('content-type')?.split(';')[0]?.trim().toLowerCase()
    if (!mediaType || !FORM_TYPES.includes(mediaType)) {
      throw parameterInvalid(
        `The body must be ${FORM_TYPES.join(' or ')}, not ${mediaType ?? 'empty'}.`,
      )
    }
    return parse(new TextFields(value, 'form field'))
  })
}
