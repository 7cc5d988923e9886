// The end-to-end step of `npm test` (also `npm run test:e2e`): Playwright in Debian's Chromium,
// then the redirect and popup flows in Debian's Firefox ESR over WebDriver BiDi (each installed
// when missing), against the built demo. `-- --firefox` runs only the Firefox part; any other
// arguments go to Playwright alone (`-- -g popup`).
import {
  ensureChromium,
  ensureFirefox,
  ensureSystemPackages,
  run,
} from '../scripts/lib/bootstrap.mjs'

const args = process.argv.slice(2)
const firefoxOnly = args.includes('--firefox')
const steps = []
if (!firefoxOnly) {
  ensureChromium()
  ensureSystemPackages(['openssl']) // tls-proxy.ts makes its certificate with it
  steps.push(() => run('playwright', ['test', '-c', 'e2e/playwright.config.ts', ...args]))
}
if (firefoxOnly || args.length === 0) {
  ensureFirefox()
  steps.push(() =>
    run('node', ['--import', 'tsx', '--test', '--test-reporter=spec', 'e2e/firefox/flows.test.ts']),
  )
}
// every part runs, whatever the one before it gave
const codes = steps.map((step) => step())
process.exit(codes.find((code) => code !== 0) ?? 0)
