/**
 * A key prefix as unstorage will write it: unstorage turns `/` and `\` into `:`, collapses
 * repeated `:` and trims them at both ends, so the stores compare keys it lists against this
 * form. A `?` is refused: unstorage drops everything after it, so every key would be the same.
 * Internal.
 *
 * @example
 * ```ts
 * unstorageKeyPrefix('app/pelm:', 'unstorageConnectionStore') // 'app:pelm'
 * ```
 */
export function unstorageKeyPrefix(prefix: unknown, owner: string): string {
  if (typeof prefix !== 'string' || prefix.includes('?')) {
    throw new TypeError(
      `${owner}: prefix must be a string without "?" (unstorage cuts keys at "?"); got ${JSON.stringify(prefix)}.`,
    )
  }
  return prefix.replace(/[/\\]/g, ':').replace(/:+/g, ':').replace(/^:|:$/g, '')
}
