import { defineProject } from 'vitest/config'
import { workspaceAliases } from '../vitest.shared.ts'

/**
 * The attack, fuzz and fault suite. Each test file records what it tried into a tally that is
 * written to `.results/` (see `harness/tally.ts`); `npm run security-report` prints it.
 */
export default defineProject({
  resolve: { alias: workspaceAliases },
  test: {
    name: 'security',
    environment: 'node',
    include: ['**/*.test.ts'],
    exclude: ['**/node_modules/**', '.results/**'],
    globalSetup: ['./setup/global-setup.ts'],
    setupFiles: ['./setup/write-results.ts'],
    testTimeout: 60_000,
    hookTimeout: 60_000,
  },
})
