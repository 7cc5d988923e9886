import { defineConfig } from 'vitest/config'

export default defineConfig({
  test: {
    projects: [
      'packages/*/vitest.config.ts',
      'apps/*/vitest.config.ts',
      'security/vitest.config.ts',
      // the handlers on Node, Bun, Deno and workerd, Redis, scale-out (their own npm test step)
      'runtimes/vitest.config.ts',
      // every story as a test, in Chromium (scripts/test.mjs installs it first)
      '.storybook/vitest.config.ts',
    ],
  },
})
