// The end-to-end step of `npm test` (also `npm run test:e2e`): Debian's Chromium, installed when
// missing, then Playwright against the built demo (the global setup starts it on a free port).
import { ensureChromium, run } from '../scripts/lib/bootstrap.mjs'

ensureChromium()
process.exit(
  run('playwright', ['test', '-c', 'e2e/playwright.config.ts', ...process.argv.slice(2)]),
)
