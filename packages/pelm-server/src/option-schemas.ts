import * as v from 'valibot'

/**
 * Valibot building blocks for the options of `createPelmClient` and the Hono factories: each
 * checks one option and returns it typed, with a message that names the option and says how to
 * fix it. Internal: not exported from the package.
 */

const show = (value: unknown) =>
  typeof value === 'function' ? 'a function' : (JSON.stringify(value) ?? String(value))

/** A non-empty string. `hint` follows the message; the value is never shown (it may be a secret). */
export const requiredString = (name: string, hint = '') =>
  v.pipe(
    v.string(`${name} is required and must be a non-empty string.${hint}`),
    v.check(
      (value) => value.trim() !== '',
      `${name} is required and must be a non-empty string.${hint}`,
    ),
  )

/** A URL with an http(s) scheme, answered parsed; `undefined` when it is not one. */
export function parseHttpUrl(value: string): URL | undefined {
  let url: URL | undefined
  try {
    url = new URL(value)
  } catch {}
  return url?.protocol === 'https:' || url?.protocol === 'http:' ? url : undefined
}

/**
 * An absolute http(s) URL. A `base` URL (one that paths are appended to) must have no query,
 * fragment or credentials, and is answered without its trailing slash.
 */
export const httpUrl = (name: string, options: { base?: boolean } = {}) =>
  v.pipe(
    v.string((issue) => `${name} must be an absolute http(s) URL (got ${show(issue.input)}).`),
    v.check(
      (value) => parseHttpUrl(value) !== undefined,
      (issue) => `${name} must be an absolute http(s) URL (got ${show(issue.input)}).`,
    ),
    v.check((value) => {
      const url = parseHttpUrl(value)
      // The text, not `url.search`/`url.hash`: a bare `?` or `#` parses as empty, yet would
      // swallow every path appended to it.
      return !options.base || (!/[?#]/.test(value) && !url?.username && !url?.password)
    }, `${name} must not have a query string, a fragment or credentials: paths are appended to it.`),
    v.transform((value) => (options.base ? value.replace(/\/+$/, '') : value)),
  )

/** setTimeout's largest delay: anything above fires at once in Node. */
const MAX_TIMER_MS = 2 ** 31 - 1

/** A positive duration in ms that a timer can wait for. */
export const durationMs = (name: string) =>
  v.pipe(
    v.number((issue) => `${name} must be a positive number of ms (got ${show(issue.input)}).`),
    v.check(
      (value) => Number.isFinite(value) && value > 0 && value <= MAX_TIMER_MS,
      (issue) =>
        `${name} must be a positive number of ms, at most ${MAX_TIMER_MS} (got ${show(issue.input)}).`,
    ),
  )

/** An integer within `[min, max]`. */
export const integer = (name: string, min: number, max: number) =>
  v.pipe(
    v.number(
      (issue) => `${name} must be an integer from ${min} to ${max} (got ${show(issue.input)}).`,
    ),
    v.check(
      (value) => Number.isInteger(value) && value >= min && value <= max,
      (issue) => `${name} must be an integer from ${min} to ${max} (got ${show(issue.input)}).`,
    ),
  )

/** A function (the types say which). */
export const fn = <T extends (...args: never[]) => unknown>(
  name: string,
  message = `${name} must be a function.`,
) => v.custom<T>((value) => typeof value === 'function', message)

/** An object with these methods. */
export const withMethods = <T>(name: string, methods: readonly string[], message: string) =>
  v.custom<T>(
    (value) =>
      typeof value === 'object' &&
      value !== null &&
      methods.every((method) => typeof (value as Record<string, unknown>)[method] === 'function'),
    `${name} ${message}`,
  )

/**
 * Parses options with a schema; the first failure throws `TypeError("<owner>: <message>")`. An
 * option left out is read as `undefined`, so its own schema says what is wrong (valibot would
 * report a missing key as a generic "Invalid key").
 *
 * @example
 * ```ts
 * const options = parseOptions(clientOptionsSchema, input, 'createPelmClient')
 * ```
 */
export function parseOptions<S extends v.GenericSchema>(
  schema: S,
  input: unknown,
  owner: string,
): v.InferOutput<S> {
  if (typeof input !== 'object' || input === null) {
    throw new TypeError(`${owner}: options are required.`)
  }
  const keys = 'entries' in schema && schema.entries ? Object.keys(schema.entries) : []
  const given = { ...Object.fromEntries(keys.map((key) => [key, undefined])), ...input }
  const result = v.safeParse(schema, given)
  if (result.success) return result.output
  throw new TypeError(`${owner}: ${result.issues[0].message}`)
}
