import { parameterInvalid, parameterMissing } from './api-error'

/** The longest text any form field or query parameter may hold. */
export const MAX_FIELD_LENGTH = 256

/**
 * Reads named fields out of a parsed form body or query string (as Hono's validator gives them),
 * refusing a field that is repeated, is a file, or is too long. An empty field counts as absent.
 */
export class TextFields {
  constructor(
    private readonly raw: Record<string, unknown>,
    private readonly kind: 'form field' | 'query parameter',
  ) {}

  optional(name: string): string | undefined {
    const value = this.raw[name]
    if (value === undefined || value === '') return undefined
    if (Array.isArray(value))
      throw parameterInvalid(`The ${this.kind} ${name} is given more than once.`)
    if (typeof value !== 'string')
      throw parameterInvalid(`The ${this.kind} ${name} must be text, not a file.`)
    if (value.length > MAX_FIELD_LENGTH) {
      throw parameterInvalid(
        `The ${this.kind} ${name} is longer than ${MAX_FIELD_LENGTH} characters.`,
      )
    }
    return value
  }

  required(name: string): string {
    const value = this.optional(name)
    if (value === undefined) throw parameterMissing(`The ${this.kind} ${name} is required.`)
    return value
  }
}
