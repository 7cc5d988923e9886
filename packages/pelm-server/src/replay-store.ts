/**
 * Remembers one-time values (Connect states, authorization codes) so each is accepted once, even
 * across server instances when the store is shared.
 *
 * @example
 * ```ts
 * // Redis: SET NX is atomic, so two instances can never both claim the same key.
 * const replayStore: ReplayStore = {
 *   async claim(key, ttlMs) {
 *     return (await redis.set(`pelm:used:${key}`, '1', 'PX', ttlMs, 'NX')) === 'OK'
 *   },
 * }
 * ```
 */
export interface ReplayStore {
  /**
   * Marks `key` as used for `ttlMs`. Answers `true` for the first claim of a key, `false` while
   * it is already claimed. Must be atomic for the single-use guarantee to hold across instances.
   */
  claim(key: string, ttlMs: number): Promise<boolean>
}
