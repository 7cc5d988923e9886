/**
 * A few checks to read upstream JSON as `unknown` without casting it. Each check returns the
 * value typed, or throws a {@link ShapeError} naming the path that failed.
 */

/** A value at `path` is not what the check expected. */
export class ShapeError extends Error {
  constructor(
    readonly path: string,
    readonly expected: string,
  ) {
    super(`${path} must be ${expected}`)
    this.name = 'ShapeError'
  }
}

export type Check<T> = (value: unknown, path: string) => T

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}

export const string: Check<string> = (value, path) => {
  if (typeof value !== 'string') throw new ShapeError(path, 'a string')
  return value
}

export const nonEmptyString: Check<string> = (value, path) => {
  if (typeof value !== 'string' || value.length === 0)
    throw new ShapeError(path, 'a non-empty string')
  return value
}

export const number: Check<number> = (value, path) => {
  if (typeof value !== 'number' || !Number.isFinite(value)) throw new ShapeError(path, 'a number')
  return value
}

export function literal<const T extends string>(...values: T[]): Check<T> {
  return (value, path) => {
    if (!values.includes(value as T)) throw new ShapeError(path, `one of ${values.join(', ')}`)
    return value as T
  }
}

export function optional<T>(check: Check<T>): Check<T | undefined> {
  return (value, path) => (value === undefined || value === null ? undefined : check(value, path))
}

export function array<T>(item: Check<T>): Check<T[]> {
  return (value, path) => {
    if (!Array.isArray(value)) throw new ShapeError(path, 'an array')
    return value.map((entry, index) => item(entry, `${path}[${index}]`))
  }
}

type Shape = Record<string, Check<unknown>>
type Checked<S extends Shape> = { [K in keyof S]: ReturnType<S[K]> }

/**
 * An object with these fields checked; other fields are kept as they are, so new fields Pelm
 * adds reach the caller.
 */
export function object<S extends Shape>(shape: S): Check<Checked<S> & Record<string, unknown>> {
  return (value, path) => {
    if (!isRecord(value)) throw new ShapeError(path, 'an object')
    const result: Record<string, unknown> = { ...value }
    for (const [key, check] of Object.entries(shape)) {
      const checked = check(value[key], `${path}.${key}`)
      if (checked === undefined) delete result[key]
      else result[key] = checked
    }
    return result as Checked<S> & Record<string, unknown>
  }
}
