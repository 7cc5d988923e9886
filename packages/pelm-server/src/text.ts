/**
 * Checks of text that leaves the process as UTF-8 (a store's key or column, a hashed id, associated
 * data). Internal: not exported from the package.
 */

// A lone UTF-16 surrogate, which UTF-8 cannot hold: TextEncoder and database drivers write
// U+FFFD in its place (without the `u` flag, the pattern sees code units).
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/

/** Whether `text` is Unicode text (no lone surrogate), so UTF-8 keeps it as it is. */
export const isWellFormed = (text: string): boolean => !LONE_SURROGATE.test(text)

/**
 * Whether every store keeps `text` as it is: Unicode text (see {@link isWellFormed}) without
 * U+0000, which PostgreSQL text and jsonb refuse.
 */
export const isStorableText = (text: string): boolean =>
  !text.includes('\u0000') && isWellFormed(text)
