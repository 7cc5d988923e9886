/**
 * The two functions the contract suites need from a test runner. Vitest's and Jest's
 * `describe`/`it` fit, and so do `node:test`'s.
 *
 * @example
 * ```ts
 * import { describe, it } from 'node:test' // or 'vitest', or Jest's globals
 * connectionStoreContract({ name: 'my store', makeStore: () => myStore(), describe, it })
 * ```
 */
export interface ContractTestApi {
  describe: (name: string, body: () => void) => unknown
  it: (name: string, body: () => Promise<void>, timeout?: number) => unknown
}
