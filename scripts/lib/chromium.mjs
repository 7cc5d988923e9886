// Debian's Chromium as every browser test and benchmark launches it. Playwright cannot download
// its own browser here; without the background-networking flags Chromium floods the closed
// network with refused connections.

/** The Chromium binary: `CHROMIUM_PATH`, or Debian's. */
export const chromiumPath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium'

/** Launch flags: headless, no sandbox (CI runs as root), and no background network traffic. */
export const chromiumArgs = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
]
