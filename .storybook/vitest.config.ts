// The `storybook` Vitest project: every story is a test (render, play function, axe checks), run
// in Chromium. Debian's Chromium: Playwright cannot download its own browser here.
import { fileURLToPath } from 'node:url'
import { storybookTest } from '@storybook/addon-vitest/vitest-plugin'
import { playwright } from '@vitest/browser-playwright'
import { defineProject } from 'vitest/config'
import { chromiumArgs, chromiumPath } from '../scripts/lib/chromium.mjs'

const at = (path: string) => fileURLToPath(new URL(path, import.meta.url))

export default defineProject({
  root: at('..'),
  plugins: [storybookTest({ configDir: at('.'), storybookScript: 'pnpm storybook --no-open' })],
  test: {
    name: 'storybook',
    browser: {
      enabled: true,
      headless: true,
      provider: playwright({
        launchOptions: {
          executablePath: chromiumPath,
          args: chromiumArgs,
        },
      }),
      instances: [{ browser: 'chromium' }],
    },
  },
})
