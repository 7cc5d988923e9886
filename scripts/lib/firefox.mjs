// Debian's Firefox ESR, for the browser tests that also run outside Chromium (driven over
// WebDriver BiDi). Firefox cannot be downloaded by a test runner here: `npm test` installs the
// Debian package when it is missing (scripts/lib/bootstrap.mjs).

/** The Firefox binary: `FIREFOX_PATH`, or Debian's `firefox-esr`. */
export const firefoxPath = process.env.FIREFOX_PATH ?? '/usr/bin/firefox-esr'
