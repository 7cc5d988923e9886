import type { Context } from 'hono'
import { validator } from 'hono/validator'
import type { ApiEnv } from './api-env'
import { TextFields } from './text-fields'

/** Validates the query string with `parse`; the result is `c.req.valid('query')`. */
export function queryParams<T>(parse: (fields: TextFields, c: Context<ApiEnv>) => T) {
  return validator('query', (value, c: Context<ApiEnv>) =>
    parse(new TextFields(value, 'query parameter'), c),
  )
}
